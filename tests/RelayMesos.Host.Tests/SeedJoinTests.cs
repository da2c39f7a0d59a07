using System.Net;
using System.Net.Sockets;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.Host.Tests;

/// <summary>Issue 26 item 6: a run whose seed nodes never answer ends with one line saying which seeds and why.</summary>
public sealed class SeedJoinTests
{
    [Fact]
    public async Task A_join_whose_seed_refuses_ends_the_run_with_one_line_naming_the_seed_and_exit_code_1()
    {
        var seed = $"akka.tcp://relay-mesos@127.0.0.1:{PortWhereNothingListens()}";

        var result = await RelayMesosProcess.RunAsync(
            [
                "run", "--set", "relay.persistence.provider=memory", "--set", "relay.web.enabled=false",
                "--set", "akka.cluster.shutdown-after-unsuccessful-join-seed-nodes=5s",
            ],
            new Dictionary<string, string> { ["RELAY_MESOS_SEED_NODES"] = seed },
            TimeSpan.FromSeconds(120));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n'), l => l.Contains("could not join the Akka cluster", StringComparison.Ordinal));
        Assert.Contains($"Stopping with exit code 1: could not join the Akka cluster within 5 s: seed nodes tried: {seed} (connection refused).", line, StringComparison.Ordinal);
        Assert.Contains("RELAY_MESOS_SEED_NODES", line, StringComparison.Ordinal);
        Assert.DoesNotContain("removed from the Akka cluster", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("canceled", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A port just freed: nothing listens there, so a dial is refused at once.</summary>
    private static int PortWhereNothingListens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
