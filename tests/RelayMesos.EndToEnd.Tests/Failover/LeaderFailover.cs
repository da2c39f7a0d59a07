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
/// <remarks>One concrete class per target, so that the two run side by side; each takes its target from the class.</remarks>
public abstract class LeaderFailover(PostgreSqlServerFixture postgres, ITestOutputHelper output) : IClassFixture<PostgreSqlServerFixture>
{
    /// <summary>The target this half runs on: <see cref="Targets.MesosTargets.Embedded"/> or <see cref="Targets.MesosTargets.Real"/>.</summary>
    protected abstract string Target { get; }

    /// <summary>How many times the leader is killed unless <see cref="KillsVariable"/> says otherwise.</summary>
    protected abstract int DefaultKills { get; }

    /// <summary>How many times the leader is killed; the benchmark run sets it to 10 or more.</summary>
    public const string KillsVariable = "RELAY_FAILOVER_KILLS";

    private static readonly TimeSpan Patience = TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(40));

    [Fact]
    public async Task Killing_the_leader_repeatedly_hands_over_history_and_tasks_with_one_leader_at_a_time()
    {
        var target = Target;
        var kills = int.TryParse(Environment.GetEnvironmentVariable(KillsVariable), out var wanted) && wanted > 0 ? wanted : DefaultKills;
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

                await rig.FreezeLeaderUntilReplacedAsync();
                await rig.AssertHandedOverAsync(kills);
                master.AssertFailedOver(rig.FirstKill!.Value);
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
            // RELAY_FAILOVER_KEEP_LOGS=1 keeps a passed run's logs too, to read where a takeover's time went.
            if (passed && Environment.GetEnvironmentVariable("RELAY_FAILOVER_KEEP_LOGS") != "1")
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
