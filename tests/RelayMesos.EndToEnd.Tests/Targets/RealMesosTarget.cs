using RelayMesos.TestKit.Mesos;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>A real Apache Mesos 1.12 master with two agents (`agent-0`, `agent-1`, attribute rack:r0 / r1).</summary>
public sealed class RealMesosTarget : MesosTarget
{
    private readonly RealMesosCluster _cluster;

    private RealMesosTarget(RealMesosCluster cluster) => _cluster = cluster;

    public override string Name => "mesos";

    public override string Master => _cluster.Master.ToString().TrimEnd('/');

    public static async Task<RealMesosTarget> StartAsync(int agents = 2) =>
        new(await RealMesosCluster.StartAsync(agents, "rack:r{i}"));

    protected override string OnFailure()
    {
        _cluster.KeepWorkDirectory();
        return $"Mesos work dir kept: {_cluster.WorkDirectory}\n{_cluster.Tail()}";
    }

    protected override ValueTask DisposeTargetAsync() => _cluster.DisposeAsync();
}
