using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Npgsql;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Persistence;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// Issue "Persisted controller history and failover across several scheduler instances": one standalone local
/// cluster, three <c>relay-mesos run</c> processes sharing a real PostgreSQL, and the leader SIGKILLed several
/// times while it keeps three long-running warmers up, then frozen (SIGSTOP) until replaced. Every wait is bounded
/// but nothing here is a timed assertion; the takeover times are printed as figures. The takeover benchmark is this
/// test with more kills:
///   RELAY_FAILOVER_KILLS=12 dotnet test tests/RelayMesos.EndToEnd.Tests --logger "console;verbosity=detailed"
/// (the figures also land in relay-failover-takeover.txt in the temp folder).
/// </summary>
public sealed class LeaderFailoverTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : IClassFixture<PostgreSqlServerFixture>
{
    /// <summary>How many times the leader is killed; the benchmark run sets it to 10 or more.</summary>
    public const string KillsVariable = "RELAY_FAILOVER_KILLS";

    private const string FrameworkName = "relay-failover-e2e";
    private const int Instances = 3;
    private const int WantedTasks = 3;
    private const int StepsPerTerm = 4;
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Killing_the_leader_repeatedly_hands_over_history_and_tasks_with_one_leader_at_a_time()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable(KillsVariable), out var wanted) && wanted > 0 ? wanted : 3;
        var logFolder = Directory.CreateTempSubdirectory("relay-failover-").FullName;
        output.WriteLine($"Process logs: {logFolder}");
        var port = FreePort();
        var master = new Uri($"http://127.0.0.1:{port}/");
        var overrides = RunOverrides(master);
        var environment = new Dictionary<string, string> { ["RELAY_POSTGRES_CONNECTION_STRING"] = postgres.ConnectionString };
        var instances = new List<RelayProcess>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using var cluster = RelayProcess.StartLocalCluster(port, logFolder);
        var passed = false;
        try
        {
            await cluster.WaitForAsync(l => l.Message.StartsWith("Mesos-compatible master at", StringComparison.Ordinal), Patience);
            // Every instance joins one Akka cluster: seeds and remoting port through the environment, as an operator would.
            RelayProcess StartInstance(int remotingPort, IEnumerable<string> seeds)
            {
                var arguments = new List<string> { "run" };
                foreach (var (key, value) in overrides)
                {
                    arguments.AddRange(["--set", $"{key}={value}"]);
                }

                var instanceEnvironment = new Dictionary<string, string>(environment)
                {
                    ["RELAY_MESOS_CLUSTER_PORT"] = remotingPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["RELAY_MESOS_SEED_NODES"] = string.Join(",", seeds),
                };
                var instance = RelayProcess.Start($"relay-{instances.Count + 1}", arguments, instanceEnvironment, logFolder);
                instances.Add(instance);
                return instance;
            }

            var ports = Enumerable.Range(0, Instances).Select(_ => FreePort()).ToList();
            foreach (var remotingPort in ports)
            {
                StartInstance(remotingPort, ports.Select(p => $"akka.tcp://relay-mesos@127.0.0.1:{p}"));
            }

            // A kill before every member is up can leave a survivor in a minority of a smaller cluster.
            // Three cold starts at once on a loaded machine: roomier than one takeover.
            foreach (var instance in instances.ToList())
            {
                await instance.WaitForAsync(l => l.IsJoined, Patience * 3);
            }

            var leader = await WaitForLeaderAsync(instances, afterEpoch: 0);
            await WaitForStepsAsync(leader, StepsPerTerm);
            var survivors = (await WaitForRunningAsync(http, master)).Running;
            DateTimeOffset? firstKill = null;
            var takeovers = new List<Takeover>();
            for (var kill = 0; kill < kills; kill++)
            {
                leader = await CurrentLeaderAsync(instances);
                await WaitForStepsAsync(leader, StepsPerTerm);
                var running = (await WaitForRunningAsync(http, master)).Running;
                Assert.Subset(running.ToHashSet(), survivors.ToHashSet());
                leader.Process.Kill();
                var killedAt = leader.Process.KilledAt!.Value;
                firstKill ??= killedAt;

                var next = await WaitForLeaderAsync(instances, leader.Epoch);
                var subscribed = await next.Process.WaitForAsync(l => l.IsSubscribed, Patience, next.Leading.Timestamp);
                var step = await next.Process.WaitForAsync(l => l.IsStep, Patience, next.Leading.Timestamp);
                if (next.Leading.Timestamp > killedAt)
                {
                    // Only a takeover the kill caused is a figure (the lease may also move on by itself on a starved machine).
                    takeovers.Add(new Takeover(leader.Epoch, next.Epoch, subscribed.Timestamp - killedAt, step.Timestamp - killedAt));
                }

                // The recovered task table reaches the controller before its first step: what the last leader launched
                // counts as running or in flight, so nothing is launched again.
                Assert.Equal(WantedTasks, step.Long("Running") + step.Long("InFlight"));
                Assert.Equal(0, step.Long("Launches"));

                // A process supervisor would restart the dead instance: keep three members, and let it join before the next kill.
                var seeds = instances.Where(p => p.KilledAt is null && !p.HasExited).Select(p => "akka.tcp://" + p.Lines.First(l => l.IsJoined).State["Instance"]).ToList();
                await StartInstance(FreePort(), seeds).WaitForAsync(l => l.IsJoined, Patience * 2);
            }

            await FreezeLeaderUntilReplacedAsync(instances);

            leader = await CurrentLeaderAsync(instances);
            await WaitForStepsAsync(leader, StepsPerTerm * 2);
            var finalTasks = await WaitForRunningAsync(http, master);
            var journal = await SharedJournal.ReadAllAsync(postgres.ConnectionString);
            Assert.Equal(0, await SharedJournal.CountSnapshotsAsync(postgres.ConnectionString));
            // The frozen one may have been downed by the others meanwhile: it then ends with exit code 4 (restart to rejoin).
            Assert.All(
                instances.Where(p => p.KilledAt is null),
                p => Assert.True(!p.HasExited || (p.FrozenAt is not null && p.ExitCode == 4), $"{p.Name} exited by itself; see {p.LogPath}"));

            AssertOneLeaderAtATime(instances);
            AssertJournalWritersNeverInterleave(journal, kills + 1);
            AssertNoTaskLaunchedTwice(journal, finalTasks);
            AssertControllerHistoryHandedOver(instances, journal, overrides);
            Assert.Subset(finalTasks.Running.ToHashSet(), survivors.ToHashSet());
            Assert.All(survivors, id => Assert.Equal("TASK_RUNNING", finalTasks.Tasks[id]));
            Assert.DoesNotContain(cluster.Lines, l => l.Timestamp >= firstKill && l.Message.StartsWith("Killing task", StringComparison.Ordinal));

            Report(takeovers);
            passed = true;
        }
        finally
        {
            await RelayProcess.EndAllAsync(instances, cluster, passed ? logFolder : null);
        }
    }

    /// <summary>
    /// A leader that hangs instead of dying, for twice the lease TTL: the others find it unreachable, down it, and the next
    /// oldest takes the lease once it ran out. When it wakes it must not act: its renewal finds the epoch moved on (the
    /// singleton stops), its writes are refused by the journal's key, Mesos told its old stream "Framework failed over" —
    /// and, downed, its actor system ends and so does the process (exit code 4), unless it learns of the loss first and
    /// stands by. Either way it logs no step after the freeze.
    /// </summary>
    private async Task FreezeLeaderUntilReplacedAsync(IReadOnlyList<RelayProcess> instances)
    {
        var leader = await CurrentLeaderAsync(instances);
        await WaitForStepsAsync(leader, StepsPerTerm);
        var frozen = leader.Process;
        await frozen.FreezeAsync();
        var successor = await WaitForLeaderAsync(instances, leader.Epoch);
        await successor.Process.WaitForAsync(l => l.IsSubscribed, Patience, successor.Leading.Timestamp);
        await WaitForStepsAsync(successor, StepsPerTerm);
        var frozenFor = DateTimeOffset.UtcNow - frozen.FrozenAt!.Value;
        if (frozenFor < LeaseTtl * 2)
        {
            await Task.Delay(LeaseTtl * 2 - frozenFor);
        }

        await frozen.ResumeAsync();

        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!frozen.HasExited && !frozen.Lines.Any(l => l.IsLeadershipLost && l.Timestamp >= leader.Leading.Timestamp))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{frozen.Name} neither gave up its term nor ended after it woke; see {frozen.LogPath}");
            await Task.Delay(50);
        }

        var since = successor.Process.Lines.Last(l => l.IsStep).Timestamp;
        await successor.Process.WaitForAsync(l => l.IsStep, Patience, since + TimeSpan.FromSeconds(1));
        Assert.True(!frozen.HasExited || frozen.ExitCode == 4, $"{frozen.Name} exited with {frozen.ExitCode} after it woke; see {frozen.LogPath}");
        Assert.DoesNotContain(frozen.Lines, l => l.IsStep && l.Timestamp >= frozen.FrozenAt);
        output.WriteLine($"{frozen.Name} frozen in epoch {leader.Epoch}; {successor.Process.Name} took over in epoch {successor.Epoch}; {frozen.Name} woke up and logged:");
        foreach (var line in frozen.Lines.Where(l => l.Timestamp >= frozen.FrozenAt).Take(12))
        {
            output.WriteLine($"  {line.Timestamp:HH:mm:ss.fff} {line.Level} {line.Message}");
        }
    }

    private static List<KeyValuePair<string, string>> RunOverrides(Uri master) =>
    [
        .. FailoverRunOverrides.Common(master, FrameworkName, LeaseTtl),
        // Snapshots off (beyond this run's length) so that the journal holds the whole history the test replays.
        new("relay.persistence.snapshot-every", "1000000"),
        new("relay.controller.mode", "long-running"),
        new("relay.warmer", "sleep 3600"),
        new("relay.metric.type", "tasks"),
        new("relay.target.type", "constant"),
        new("relay.target.value", WantedTasks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>The instance the lease row names, once it has logged that it leads in that epoch.</summary>
    private async Task<Leader> CurrentLeaderAsync(IReadOnlyList<RelayProcess> instances)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT holder_id, epoch FROM relay_mesos.leases WHERE name = 'relay-mesos'", connection);
                await using var reader = await command.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                {
                    var holder = reader.GetString(0);
                    var epoch = reader.GetInt64(1);
                    var process = instances.FirstOrDefault(p => p.KilledAt is null && p.Lines.Any(l => l.State.TryGetValue("Instance", out var id) && id == holder));
                    var leading = process?.Lines.LastOrDefault(l => l.IsLeading);
                    if (process is not null && leading is not null && leading.Long("Epoch") == epoch
                        && !process.Lines.Any(l => l.IsLeadershipLost && l.Timestamp >= leading.Timestamp))
                    {
                        return new Leader(process, epoch, leading);
                    }
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "No instance led within the patience bound.");
            await Task.Delay(100);
        }
    }

    private static async Task<Leader> WaitForLeaderAsync(IReadOnlyList<RelayProcess> instances, long afterEpoch)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var leading = instances
                .Where(p => p.KilledAt is null)
                .SelectMany(p => p.Lines.Where(l => l.IsLeading && l.Long("Epoch") > afterEpoch).Select(l => new Leader(p, l.Long("Epoch"), l)))
                .OrderByDescending(l => l.Epoch)
                .FirstOrDefault();
            if (leading is not null)
            {
                return leading;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No instance took over from epoch {afterEpoch} within the patience bound.");
            await Task.Delay(50);
        }
    }

    private static async Task WaitForStepsAsync(Leader leader, int steps)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (leader.Process.Lines.Count(l => l.IsStep && l.Timestamp >= leader.Leading.Timestamp) < steps)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{leader.Process.Name} did not step {steps} times in epoch {leader.Epoch}; see {leader.Process.LogPath}");
            Assert.False(leader.Process.HasExited, $"{leader.Process.Name} exited; see {leader.Process.LogPath}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until exactly the wanted number of warmers runs and no other task is alive (staging, starting, killing):
    /// the controller settles an early overshoot by itself, and later kills would be the takeovers' fault.
    /// </summary>
    private static async Task<ClusterTasks> WaitForRunningAsync(HttpClient http, Uri master)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var tasks = await ClusterTasks.ReadAsync(http, master, FrameworkName);
            if (tasks.Running.Count == WantedTasks && tasks.Live.Count == WantedTasks)
            {
                return tasks;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{tasks.Running.Count} task(s) running instead of {WantedTasks}.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Each epoch's acting interval (its "Leading" line to its loss, its SIGKILL, its SIGSTOP, or the end) ends before the
    /// next epoch's begins. A stopped process cannot act; that it does not act once it wakes is checked by the journal's
    /// epoch order and by its log (no step after the freeze).
    /// </summary>
    private static void AssertOneLeaderAtATime(IReadOnlyList<RelayProcess> instances)
    {
        var terms = instances
            .SelectMany(p => p.Lines.Where(l => l.IsLeading).Select(l => (
                Epoch: l.Long("Epoch"),
                Start: l.Timestamp,
                End: new[] { p.Lines.FirstOrDefault(x => x.IsLeadershipLost && x.Timestamp >= l.Timestamp)?.Timestamp, p.KilledAt, p.FrozenAt }
                    .Where(t => t >= l.Timestamp)
                    .DefaultIfEmpty(DateTimeOffset.MaxValue)
                    .Min()!.Value,
                Name: p.Name)))
            .OrderBy(t => t.Epoch)
            .ToList();
        Assert.Equal(terms.Count, terms.Select(t => t.Epoch).Distinct().Count());
        for (var i = 1; i < terms.Count; i++)
        {
            Assert.True(
                terms[i].Start >= terms[i - 1].End,
                $"epoch {terms[i].Epoch} ({terms[i].Name}) began at {terms[i].Start:O}, before epoch {terms[i - 1].Epoch} ({terms[i - 1].Name}) ended at {terms[i - 1].End:O}");
        }
    }

    /// <summary>
    /// Fencing: in every persistent actor's journal, writers never interleave. Once a new leader's incarnation has written,
    /// no earlier incarnation writes again (a deposed writer's append is refused by the (persistence id, sequence number) key).
    /// </summary>
    private static void AssertJournalWritersNeverInterleave(IReadOnlyList<JournalRow> journal, int leaders)
    {
        foreach (var stream in journal.GroupBy(r => r.PersistenceId))
        {
            var finished = new HashSet<string>(StringComparer.Ordinal);
            string? current = null;
            foreach (var row in stream.OrderBy(r => r.SequenceNr))
            {
                if (row.WriterUuid == current)
                {
                    continue;
                }

                Assert.True(!finished.Contains(row.WriterUuid), $"{stream.Key}: writer {row.WriterUuid} wrote again at {row.SequenceNr} after another had taken over");
                if (current is not null)
                {
                    finished.Add(current);
                }

                current = row.WriterUuid;
            }
        }

        var stepping = ControllerSteps(journal).Select(r => r.WriterUuid).Distinct().Count();
        Assert.True(stepping >= leaders, $"{leaders} leaders should each have journaled steps; the journal has steps of {stepping} writer(s)");
    }

    private static IEnumerable<JournalRow> ControllerSteps(IReadOnlyList<JournalRow> journal) =>
        journal.Where(r => r.PersistenceId == PersistenceIds.ControllerPrefix + "/" + FrameworkName + "/*");

    /// <summary>Write-ahead: every task id is journaled once, and Mesos knows no task the journal does not.</summary>
    private static void AssertNoTaskLaunchedTwice(IReadOnlyList<JournalRow> journal, ClusterTasks cluster)
    {
        var launched = journal.Select(r => r.Event).OfType<TasksLaunched>().SelectMany(e => e.Tasks).Select(t => t.TaskId).ToList();
        Assert.Equal(launched.Count, launched.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(launched.ToHashSet(StringComparer.Ordinal), cluster.Tasks.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Each new leader recovered exactly the controller state its predecessors had journaled: replaying the journal up to
    /// the end of the previous epochs through the same controller gives the state (window, ramp, cooldowns) it logged,
    /// and no step the dead leader logged is missing.
    /// </summary>
    private static void AssertControllerHistoryHandedOver(IReadOnlyList<RelayProcess> instances, IReadOnlyList<JournalRow> journal, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var hocon = RelayConfigurationLoader.Load(new ConfigurationLayers([], overrides), new Dictionary<string, string?>());
        var controller = ControllerFactory.Create(ControllerSettingsBinder.Bind(new ConfigurationBuilder().AddHocon(hocon).Build()));
        var steps = ControllerSteps(journal).OrderBy(r => r.SequenceNr).ToList();
        var checkedTakeovers = 0;
        foreach (var instance in instances)
        {
            foreach (var leading in instance.Lines.Where(l => l.IsLeading && l.Long("Epoch") > 1))
            {
                var epoch = leading.Long("Epoch");
                // Everything journaled before this leader took the lease was journaled by earlier epochs.
                var state = steps
                    .Where(r => r.At < leading.Timestamp)
                    .Aggregate(ControllerState.Initial, (s, r) => controller.Step(s, ((ControllerStepped)r.Event).Input).State);
                if (state.Steps == 0)
                {
                    continue; // the terms before this one journaled no step: there is no history to hand over
                }

                var recovered = instance.Lines.FirstOrDefault(l => l.IsRecovered && l.Timestamp >= leading.Timestamp);
                Assert.True(recovered is not null, $"{instance.Name} led epoch {epoch} without recovering any controller history; see {instance.LogPath}");
                Assert.Equal(state.Steps, recovered.Long("Steps"));
                Assert.Equal(state.Window.Length, recovered.Long("Window"));
                Assert.Equal(ControllerFingerprint.Of(state), recovered.State["Fingerprint"]);

                var lastLoggedBefore = instances
                    .SelectMany(p => p.Lines.Where(l => l.IsStep && l.Timestamp < leading.Timestamp))
                    .Select(l => l.Long("Step"))
                    .DefaultIfEmpty(0)
                    .Max();
                Assert.True(recovered.Long("Steps") >= lastLoggedBefore, $"epoch {epoch} recovered {recovered.Long("Steps")} steps, but step {lastLoggedBefore} had been logged");
                checkedTakeovers++;
            }
        }

        Assert.True(checkedTakeovers > 0, "no takeover recovered controller history");
    }

    private void Report(IReadOnlyList<Takeover> takeovers)
    {
        var totals = takeovers.Select(t => t.Total).Order().ToList();
        if (totals.Count == 0)
        {
            return;
        }

        var lines = takeovers
            .Select(t => $"epoch {t.OldEpoch} -> {t.NewEpoch}: subscribed after {t.ToSubscribed.TotalMilliseconds:0} ms, first step after {t.ToFirstStep.TotalMilliseconds:0} ms")
            .Append($"takeover (kill -> subscribed and stepping) over {totals.Count} kills: p50 {Median(totals).TotalMilliseconds:0} ms, max {totals[^1].TotalMilliseconds:0} ms, lease TTL {LeaseTtl.TotalMilliseconds:0} ms")
            .ToList();
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        // xunit keeps test output to itself unless asked; the figures are also left where a benchmark run can find them.
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "relay-failover-takeover.txt"), lines);
    }

    private static TimeSpan Median(IReadOnlyList<TimeSpan> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
