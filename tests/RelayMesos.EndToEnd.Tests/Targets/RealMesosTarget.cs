using RelayMesos.TestKit.Mesos;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>A real Apache Mesos 1.12 master with two agents (`agent-0`, `agent-1`, attribute rack:r0 / r1).</summary>
public sealed class RealMesosTarget : MesosTarget
{
    private readonly RealMesosCluster _cluster;

    private RealMesosTarget(RealMesosCluster cluster) => _cluster = cluster;

    public override string Name => MesosTargets.Real;

    public override string Master => _cluster.Master.ToString().TrimEnd('/');

    public static async Task<RealMesosTarget> StartAsync(int agents = 2, IReadOnlyDictionary<string, string>? flags = null) =>
        new(await RealMesosCluster.StartAsync(agents, "rack:r{i}", flags: flags));

    /// <summary>Freezes the agent (SIGSTOP): the master marks it unreachable once its pings go unanswered.</summary>
    public override async Task LoseAgentAsync(string agentId)
    {
        var state = await StateAsync();
        var hostname = state.GetProperty("slaves").EnumerateArray().Single(a => a.GetProperty("id").GetString() == agentId).GetProperty("hostname").GetString()!;
        _cluster.PauseAgent(int.Parse(hostname["agent-".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override string OnFailure()
    {
        _cluster.KeepWorkDirectory();
        return $"Mesos work dir kept: {_cluster.WorkDirectory}\n{_cluster.Tail()}";
    }

    protected override ValueTask DisposeTargetAsync() => _cluster.DisposeAsync();
}
