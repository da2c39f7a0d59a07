using System.Globalization;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// Issue 15: a stop (here --max_failures) ends the whole clustered run, not only the singleton's process. Three
/// <c>relay-mesos run</c> processes form one Akka cluster on a real PostgreSQL against a standalone local cluster; the
/// warmer fails at once. Every process must end with the max-failures exit code and the same one-line reason, no other
/// instance may take the singleton over meanwhile, and no task may be launched after the stop.
/// </summary>
public sealed class RunStopTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : IClassFixture<PostgreSqlServerFixture>
{
    private const string FrameworkName = "relay-run-stop-e2e";
    private const int Instances = 3;
    private const int MaxFailuresExitCode = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Max_failures_on_the_singleton_ends_every_instance_with_its_exit_code_and_reason()
    {
        var logFolder = Directory.CreateTempSubdirectory("relay-run-stop-").FullName;
        output.WriteLine($"Process logs: {logFolder}");
        // The target is read from a file: zero until every member has joined, so the failures (and the stop) cannot
        // come before the cluster is whole.
        var targetFile = Path.Combine(logFolder, "target");
        await File.WriteAllTextAsync(targetFile, "0\n");
        var port = FailoverRig.FreePort();
        var master = new Uri($"http://127.0.0.1:{port}/");
        var instances = new List<RelayProcess>();
        await using var cluster = RelayProcess.StartLocalCluster(port, logFolder);
        var passed = false;
        try
        {
            await cluster.WaitForAsync(l => l.Message.StartsWith("Mesos-compatible master at", StringComparison.Ordinal), Patience);
            var ports = Enumerable.Range(0, Instances).Select(_ => FailoverRig.FreePort()).ToList();
            var seeds = string.Join(",", ports.Select(p => $"akka.tcp://relay-mesos@127.0.0.1:{p}"));
            foreach (var remotingPort in ports)
            {
                var arguments = new List<string> { "run" };
                foreach (var (key, value) in RunOverrides(master, targetFile))
                {
                    arguments.AddRange(["--set", $"{key}={value}"]);
                }

                instances.Add(RelayProcess.Start(
                    $"relay-{instances.Count + 1}",
                    arguments,
                    new Dictionary<string, string>
                    {
                        ["RELAY_POSTGRES_CONNECTION_STRING"] = postgres.ConnectionString,
                        ["RELAY_MESOS_CLUSTER_PORT"] = remotingPort.ToString(CultureInfo.InvariantCulture),
                        ["RELAY_MESOS_SEED_NODES"] = seeds,
                    },
                    logFolder));
            }

            foreach (var instance in instances)
            {
                await instance.WaitForAsync(l => l.IsJoined, Patience * 3);
            }

            // Every member sees all three as up before the failures start (a member that has not seen the others cannot be told).
            foreach (var instance in instances)
            {
                await instance.WaitForAsync(l => l.Message.StartsWith("Cluster members up:", StringComparison.Ordinal) && l.Long("Count") == Instances, Patience);
            }

            var leader = await RelayProcess.WaitForAnyAsync(instances, l => l.IsLeading, Patience);
            await leader.WaitForAsync(l => l.IsStep, Patience);
            await File.WriteAllTextAsync(targetFile, "2\n");

            foreach (var instance in instances)
            {
                await instance.WaitForExitAsync(Patience * 2);
            }

            var stop = leader.Lines.First(l => l.Message.StartsWith("max-failures reached", StringComparison.Ordinal));
            var reasons = instances.Select(p => p.Lines.Last(l => l.Message.StartsWith("Stopping with exit code", StringComparison.Ordinal))).ToList();
            foreach (var (instance, reason) in instances.Zip(reasons))
            {
                output.WriteLine($"{instance.Name} exited with {instance.ExitCode}: {reason.Message}");
            }

            Assert.All(instances, p => Assert.Equal(MaxFailuresExitCode, p.ExitCode));
            // A member the stop reached ends with the leader's reason. One the leader could not reach (unreachable for a
            // moment on a busy machine) may take the singleton over: its term recovers the spent failure budget from the
            // journal and ends the run at once, with the journaled count.
            Assert.All(reasons, r => Assert.True(
                r.State["Reason"] == stop.Message || r.State["Reason"].EndsWith("journaled by an earlier term", StringComparison.Ordinal),
                $"{r.State["Reason"]} is neither the leader's reason ({stop.Message}) nor the journaled budget's"));
            // Nobody took the singleton over between the stop and the end, and nothing was launched after the stop:
            // every task the cluster launched is one the framework asked for before it.
            // (A member the stop did not reach may lead after it, and then ends as said above.)
            foreach (var instance in instances.Where((_, i) => reasons[i].State["Reason"] == stop.Message))
            {
                Assert.DoesNotContain(instance.Lines, l => l.Timestamp > stop.Timestamp && (l.IsLeading || l.Message.StartsWith("Framework starting", StringComparison.Ordinal)));
            }

            var asked = instances.SelectMany(p => p.Lines).Where(l => l.Message.StartsWith("Launching ", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(asked, l => l.Timestamp > stop.Timestamp);
            var launched = cluster.Lines.Where(l => l.Message.StartsWith("Launched task", StringComparison.Ordinal)).Select(l => l.State["TaskId"]).ToList();
            Assert.NotEmpty(launched);
            Assert.All(launched, id => Assert.Contains(asked, l => l.Message.Contains(id, StringComparison.Ordinal)));
            passed = true;
        }
        finally
        {
            await RelayProcess.EndAllAsync(instances, cluster, passed ? logFolder : null);
        }
    }

    private static List<KeyValuePair<string, string>> RunOverrides(Uri master, string targetFile) =>
    [
        .. FailoverRunOverrides.Common(master, FrameworkName, TimeSpan.FromSeconds(4)),
        new("relay.warmer", "echo failing on purpose >&2; exit 1"),
        new("relay.mesos.max-failures", "3"),
        new("relay.mesos.max-failures-exit-code", MaxFailuresExitCode.ToString(CultureInfo.InvariantCulture)),
        new("relay.metric.type", "tasks"),
        new("relay.target.type", "command"),
        new("relay.target.command", $"\"cat {targetFile}\""),
    ];
}
