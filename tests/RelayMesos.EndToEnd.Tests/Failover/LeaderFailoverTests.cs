using System.Globalization;
using RelayMesos.TestKit.Mesos;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// Issue "Persisted controller history and failover across several scheduler instances", on our embedded cluster (a
/// standalone <c>relay-mesos local-cluster</c>) and on a real Apache Mesos 1.12 (issue 17): three <c>relay-mesos run</c>
/// processes sharing a real PostgreSQL, and the leader SIGKILLed several times while it keeps three long-running
/// warmers up, then frozen (SIGSTOP) until replaced. Each takeover SUBSCRIBEs with the same framework id, reconciles
/// every running task as running and launches nothing again (<see cref="FailoverRig"/>). The takeover benchmark is
/// this test with more kills:
///   RELAY_FAILOVER_KILLS=12 dotnet test tests/RelayMesos.EndToEnd.Tests --filter "FullyQualifiedName~LeaderFailover" --logger "console;verbosity=detailed"
/// (the figures also land in relay-failover-takeover-&lt;target&gt;.txt in the temp folder).
/// </summary>
public sealed class LeaderFailoverTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : IClassFixture<PostgreSqlServerFixture>
{
    /// <summary>How many times the leader is killed; the benchmark run sets it to 10 or more.</summary>
    public const string KillsVariable = "RELAY_FAILOVER_KILLS";

    private static readonly TimeSpan Patience = TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(40));

    [Theory]
    [InlineData(Targets.MesosTargets.Embedded)]
    [InlineData(Targets.MesosTargets.Real)]
    public async Task Killing_the_leader_repeatedly_hands_over_history_and_tasks_with_one_leader_at_a_time(string target)
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable(KillsVariable), out var wanted) && wanted > 0 ? wanted : 3;
        var logFolder = Directory.CreateTempSubdirectory("relay-failover-").FullName;
        output.WriteLine($"Process logs: {logFolder}");
        // A database of its own per target: the lease row and the journal start empty.
        var database = await postgres.Server.CreateDatabaseAsync();
        var master = await StartMasterAsync(target, logFolder);
        var passed = false;
        try
        {
            await using (var rig = new FailoverRig(database, master.Uri, $"relay-failover-{target}", logFolder, output))
            {
                await rig.StartAsync();
                for (var kill = 0; kill < kills; kill++)
                {
                    await rig.KillLeaderAsync();
                }

                var woke = await rig.FreezeLeaderUntilReplacedAsync();
                await rig.AssertHandedOverAsync(kills);
                master.AssertFailedOver(rig.FirstKill!.Value, woke);
                rig.Report(target);
            }

            passed = true;
        }
        catch (Exception ex)
        {
            throw new Targets.TargetTestFailedException($"On {target}: {ex.Message}\nProcess logs: {logFolder}\n{master.Describe()}", ex);
        }
        finally
        {
            await master.DisposeAsync(passed);
            if (passed)
            {
                Directory.Delete(logFolder, recursive: true);
            }
        }
    }

    private static async Task<FailoverMaster> StartMasterAsync(string target, string logFolder)
    {
        if (target == Targets.MesosTargets.Real)
        {
            return FailoverMaster.Real(await RealMesosCluster.StartAsync(agents: 2));
        }

        var port = FailoverRig.FreePort();
        var cluster = RelayProcess.Start(
            "cluster",
            ["local-cluster", "--port", port.ToString(CultureInfo.InvariantCulture), "--agents", "2",
             "--set", "relay.logging.format=json", "--set", "relay.local-cluster.allocation-interval=250ms"],
            new Dictionary<string, string>(),
            logFolder);
        await cluster.WaitForAsync(l => l.Message.StartsWith("Mesos-compatible master at", StringComparison.Ordinal), Patience);
        return FailoverMaster.Embedded(cluster, new Uri($"http://127.0.0.1:{port}/"));
    }
}
