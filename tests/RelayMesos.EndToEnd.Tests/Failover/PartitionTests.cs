using System.Globalization;
using RelayMesos.EndToEnd.Tests.Failover.Partitioning;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// Issue 15: a network partition between instances on loopback, the database reachable from both sides. Three
/// <c>relay-mesos run</c> processes form one cluster, each behind a <see cref="RemotingProxy"/> (it binds its real remoting
/// port and advertises the proxy's); the singleton's host is cut off from the other two. The minority side must stop
/// acting (keep-majority: it downs itself, and a downed member ends with exit code 4); the majority takes over only after
/// the minority's term ended (the SQL lease). After the heal the downed instance is started again, as its supervisor
/// would, and joins: one cluster of three, the singleton where the majority put it.
/// </summary>
[Scheduling.ExpectedDuration(70)]
public sealed class PartitionTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : IClassFixture<PostgreSqlServerFixture>
{
    private const string FrameworkName = "relay-partition-e2e";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task The_singletons_side_cut_off_as_a_minority_stops_acting_and_rejoins_after_the_heal()
    {
        var logFolder = Directory.CreateTempSubdirectory("relay-partition-").FullName;
        output.WriteLine($"Process logs: {logFolder}");
        var port = FailoverRig.FreePort();
        var master = new Uri($"http://127.0.0.1:{port}/");
        var partition = new LoopbackPartition();
        var proxies = new List<RemotingProxy>();
        var instances = new List<RelayProcess>();
        await using var cluster = RelayProcess.StartLocalCluster(port, logFolder);
        var passed = false;
        try
        {
            await cluster.WaitForAsync(l => l.Message.StartsWith("Mesos-compatible master at", StringComparison.Ordinal), Patience);
            var names = new[] { "a", "b", "c" };
            var nodeProxies = names.Select(n => new RemotingProxy(n, FailoverRig.FreePort(), partition)).ToList();
            proxies.AddRange(nodeProxies);
            var seeds = nodeProxies.Select(Address).ToList();
            RelayProcess StartNode(string name, RemotingProxy proxy, IReadOnlyList<string> seedNodes)
            {
                var arguments = new List<string> { "run" };
                foreach (var (key, value) in RunOverrides(master, proxy.Port))
                {
                    arguments.AddRange(["--set", $"{key}={value}"]);
                }

                var instance = RelayProcess.Start(
                    $"relay-{name}-{instances.Count + 1}",
                    arguments,
                    new Dictionary<string, string>
                    {
                        ["RELAY_POSTGRES_CONNECTION_STRING"] = postgres.ConnectionString,
                        ["RELAY_MESOS_CLUSTER_PORT"] = proxy.TargetPort.ToString(CultureInfo.InvariantCulture),
                        ["RELAY_MESOS_SEED_NODES"] = string.Join(",", seedNodes),
                    },
                    logFolder);
                partition.Register(name, instance.Pid);
                instances.Add(instance);
                return instance;
            }

            // a first, so that it is the oldest member and runs the singleton.
            var a = StartNode("a", nodeProxies[0], seeds);
            var leading = await a.WaitForAsync(l => l.IsLeading, Patience * 3);
            await a.WaitForAsync(l => l.IsStep, Patience, leading.Timestamp);
            var b = StartNode("b", nodeProxies[1], seeds);
            var c = StartNode("c", nodeProxies[2], seeds);
            foreach (var instance in instances)
            {
                await instance.WaitForAsync(IsWholeCluster, Patience * 3);
            }

            partition.Cut(["a"], ["b", "c"]);
            var cutAt = DateTimeOffset.UtcNow;
            output.WriteLine($"{cutAt:HH:mm:ss.fff} cut a | b, c");

            // The minority: a sees two of three unreachable, downs itself, its singleton stops, and the process ends with 4.
            await a.WaitForExitAsync(Patience);
            Assert.Equal(4, a.ExitCode);
            var lastStepOfA = a.Lines.Last(l => l.IsStep);

            // The majority: the next oldest takes over with a newer lease epoch, and only after the minority's last step.
            var epochA = leading.Long("Epoch");
            var next = await RelayProcess.WaitForAnyAsync([b, c], l => l.IsLeading && l.Long("Epoch") > epochA, Patience);
            var nextLeading = next.Lines.First(l => l.IsLeading && l.Long("Epoch") > epochA);
            await next.WaitForAsync(l => l.IsSubscribed, Patience, nextLeading.Timestamp);
            await next.WaitForAsync(l => l.IsStep, Patience, nextLeading.Timestamp);
            output.WriteLine($"a (epoch {epochA}) last stepped at {lastStepOfA.Timestamp:HH:mm:ss.fff} and exited with {a.ExitCode}; {next.Name} led in epoch {nextLeading.Long("Epoch")} at {nextLeading.Timestamp:HH:mm:ss.fff}");
            Assert.True(lastStepOfA.Timestamp < nextLeading.Timestamp, $"a stepped at {lastStepOfA.Timestamp:O}, after {next.Name} began leading at {nextLeading.Timestamp:O}");
            Assert.DoesNotContain([b, c], p => p != next && p.Lines.Any(l => l.IsLeading));

            partition.Heal();
            var healedAt = DateTimeOffset.UtcNow;
            output.WriteLine($"{healedAt:HH:mm:ss.fff} healed; a starts again");
            var restartedProxy = new RemotingProxy("a", FailoverRig.FreePort(), partition);
            proxies.Add(restartedProxy);
            var restarted = StartNode("a", restartedProxy, [Address(nodeProxies[1]), Address(nodeProxies[2])]);
            foreach (var instance in new[] { b, c, restarted })
            {
                await instance.WaitForAsync(IsWholeCluster, Patience * 2, healedAt);
            }

            // One cluster again, and the singleton stayed where the majority put it.
            Assert.False(b.HasExited || c.HasExited, "a member of the majority exited");
            Assert.DoesNotContain(new[] { b, c, restarted }, p => p.Lines.Any(l => l.IsLeading && l.Timestamp > nextLeading.Timestamp));
            Assert.DoesNotContain(next.Lines, l => l.IsLeadershipLost && l.Timestamp > nextLeading.Timestamp);
            passed = true;
        }
        finally
        {
            await RelayProcess.EndAllAsync(instances, cluster, passed ? logFolder : null);
            foreach (var proxy in proxies)
            {
                proxy.Dispose();
            }
        }
    }

    private static bool IsWholeCluster(LogLine line) =>
        line.Message.StartsWith("Cluster members up:", StringComparison.Ordinal) && line.Long("Count") == 3;

    private static string Address(RemotingProxy proxy) => $"akka.tcp://relay-mesos@127.0.0.1:{proxy.Port}";

    private static List<KeyValuePair<string, string>> RunOverrides(Uri master, int advertisedPort) =>
    [
        .. FailoverRunOverrides.Common(master, FrameworkName, TimeSpan.FromSeconds(4)),
        new("relay.controller.mode", "long-running"),
        new("relay.warmer", "sleep 3600"),
        new("relay.metric.type", "tasks"),
        new("relay.target.type", "constant"),
        new("relay.target.value", "2"),
        // The others reach this node through its proxy: it advertises the proxy's port and binds its own.
        new("akka.remote.dot-netty.tcp.public-port", advertisedPort.ToString(CultureInfo.InvariantCulture)),
    ];
}
