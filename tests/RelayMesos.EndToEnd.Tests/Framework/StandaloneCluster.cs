using RelayMesos.EndToEnd.Tests.Targets;
using RelayMesos.LocalCluster;

namespace RelayMesos.EndToEnd.Tests.Framework;

/// <summary>
/// Our embedded cluster in the test process, outliving the relay-mesos processes under test as a real cluster
/// would; the "embedded" <see cref="MesosTarget"/>.
/// </summary>
internal sealed class StandaloneCluster : MesosTarget
{
    private StandaloneCluster(LocalMesosCluster cluster) => Cluster = cluster;

    public LocalMesosCluster Cluster { get; }

    public override string Name => "embedded";

    public override string Master => Cluster.MasterUri.ToString().TrimEnd('/');

    /// <param name="attributes">Per-agent attributes, e.g. "rack:r{i}" as the real target's agents have.</param>
    public static async Task<StandaloneCluster> StartAsync(double cpus = 4, int agents = 1, string? attributes = null)
    {
        var cluster = new LocalMesosCluster(new LocalClusterOptions
        {
            Port = 0,
            Agents = agents,
            Cpus = cpus,
            Attributes = attributes,
            AllowRoot = true,
            AllocationInterval = TimeSpan.FromMilliseconds(100),
            HeartbeatInterval = TimeSpan.FromSeconds(2),
            StatusRetryInterval = TimeSpan.FromSeconds(1),
        });
        await cluster.StartAsync();
        return new StandaloneCluster(cluster);
    }

    /// <summary>The embedded master's way of losing an agent: marked unreachable at once.</summary>
    public override Task LoseAgentAsync(string agentId) =>
        Cluster.RemoveAgent(agentId) ? Task.CompletedTask : throw new InvalidOperationException($"agent {agentId} is not registered");

    protected override string OnFailure() => $"embedded cluster at {Master}";

    protected override ValueTask DisposeTargetAsync() => Cluster.DisposeAsync();
}
