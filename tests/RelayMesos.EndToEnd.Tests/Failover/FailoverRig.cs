using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Npgsql;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Persistence;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// Three <c>relay-mesos run</c> instances as one Akka cluster on a shared PostgreSQL database, against a Mesos master
/// that outlives them (our embedded cluster or a real Apache Mesos), keeping <see cref="WantedTasks"/> long-running
/// warmers up; and what a failover test does with them: kill the leader, freeze it, and check what the journal, the
/// master and the logs say afterwards. Every wait is bounded but nothing here is a timed assertion.
/// </summary>
internal sealed class FailoverRig(string connectionString, Uri master, string frameworkName, string logFolder, ITestOutputHelper output) : IAsyncDisposable
{
    public const int WantedTasks = 3;
    private const int Members = 3;
    private const int StepsPerTerm = 4;
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Patience = TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(40));
    private static readonly HashSet<string> Terminal = ["TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_LOST", "TASK_ERROR", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR"];
    private readonly List<RelayProcess> _instances = [];
    private readonly List<Takeover> _takeovers = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private IReadOnlySet<string> _survivors = new HashSet<string>();
    private IReadOnlySet<string> _endedBeforeFirstKill = new HashSet<string>();
    private DateTimeOffset? _firstKill;

    /// <summary>
    /// The takeover bench's snapshot interval (steps), as production has one: without, each takeover replays the whole
    /// run, and late takeovers of a long bench measure that replay. With it, the checks that replay the journal from its
    /// start (history handed over whole, writers never interleaving) are left out; the run without it makes them.
    /// </summary>
    public const string SnapshotEveryVariable = "RELAY_FAILOVER_SNAPSHOT_EVERY";

    private static readonly int? SnapshotEvery =
        int.TryParse(Environment.GetEnvironmentVariable(SnapshotEveryVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var every) && every > 0 ? every : null;

    public IReadOnlyList<RelayProcess> Instances => _instances;

    /// <summary>The warmers running when the first leader had settled: every one must outlive every takeover.</summary>
    public IReadOnlySet<string> Survivors => _survivors;

    public DateTimeOffset? FirstKill => _firstKill;

    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; } =
    [
        new("relay.mesos.master", master.ToString().TrimEnd('/')),
        new("relay.mesos.framework.name", frameworkName),
        new("relay.persistence.provider", "postgres"),
        // Snapshots off (beyond this run's length) so that the journal holds the whole history the test replays; the
        // takeover bench may turn them on (SnapshotEveryVariable) so that a late takeover does not replay the whole run.
        new("relay.persistence.snapshot-every", SnapshotEvery?.ToString(CultureInfo.InvariantCulture) ?? "1000000"),
        // Roomy enough that a loaded machine's slow renewal does not end a term (the local deadline is 3 s after each renewal).
        new("relay.leader-election.lease-ttl", LeaseTtl.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s"),
        new("relay.leader-election.renew-interval", "1s"),
        new("relay.controller.delay", "250ms"),
        new("relay.controller.mode", "long-running"),
        new("relay.warmer", "sleep 3600"),
        new("relay.metric.type", "tasks"),
        new("relay.target.type", "constant"),
        new("relay.target.value", WantedTasks.ToString(CultureInfo.InvariantCulture)),
        new("relay.web.enabled", "false"),
        new("relay.logging.format", "json"),
    ];

    /// <summary>Starts the three members, waits until each joined and the first leader keeps the wanted warmers running.</summary>
    public async Task StartAsync()
    {
        var ports = Enumerable.Range(0, Members).Select(_ => FreePort()).ToList();
        foreach (var remotingPort in ports)
        {
            StartInstance(remotingPort, ports.Select(p => $"akka.tcp://relay-mesos@127.0.0.1:{p}"));
        }

        // A kill before every member is up can leave a survivor in a minority of a smaller cluster.
        // Three cold starts at once on a loaded machine: roomier than one takeover.
        foreach (var instance in _instances.ToList())
        {
            await instance.WaitForAsync(l => l.IsJoined, Patience * 3);
        }

        var leader = await WaitForLeaderAsync(afterEpoch: 0);
        await WaitForStepsAsync(leader, StepsPerTerm);
        var tasks = await WaitForSettledAsync(leader);
        _survivors = tasks.Running;
        _endedBeforeFirstKill = Ended(tasks);
    }

    /// <summary>
    /// The first leader may overshoot at the start (a launch that left before the master reported the others running)
    /// and settle by killing and launching again: the survivors are the warmers that run once a step after reading them
    /// saw the wanted number running and nothing in flight, and the master still shows the same ones.
    /// </summary>
    private async Task<ClusterTasks> WaitForSettledAsync(Leader leader)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var tasks = await WaitForRunningAsync();
            var read = DateTimeOffset.UtcNow;
            await leader.Process.WaitForAsync(
                l => l.IsStep && l.Long("Running") == WantedTasks && l.Long("InFlight") == 0 && l.Long("Launches") == 0, Patience, read);
            var again = await ClusterTasks.ReadAsync(_http, master, frameworkName);
            if (again.Running.SetEquals(tasks.Running) && again.Live.Count == WantedTasks)
            {
                return tasks;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the warmers did not settle: {string.Join(", ", again.Tasks)}");
        }
    }

    /// <summary>
    /// SIGKILLs the leader once it has stepped and the wanted warmers run; the next one must take over, SUBSCRIBE with the
    /// same framework id, reconcile every running task as running, and carry on without launching anything again.
    /// A new member replaces the dead one (as a process supervisor would) before this returns.
    /// </summary>
    public async Task KillLeaderAsync()
    {
        var leader = await CurrentLeaderAsync();
        await WaitForStepsAsync(leader, StepsPerTerm);
        var running = (await WaitForRunningAsync()).Running;
        Assert.Subset(running.ToHashSet(), _survivors.ToHashSet());
        var frameworkId = leader.Process.Lines.Last(l => l.IsSubscribed && l.Timestamp >= leader.Leading.Timestamp).State["FrameworkId"];
        leader.Process.Kill();
        var killedAt = leader.Process.KilledAt!.Value;
        _firstKill ??= killedAt;

        var next = await WaitForLeaderAsync(leader.Epoch);
        var subscribed = await next.Process.WaitForAsync(l => l.IsSubscribed, Patience, next.Leading.Timestamp);
        Assert.Equal(frameworkId, subscribed.State["FrameworkId"]);
        // The dead host was downed by a survivor that found its port closed, not after the failure detector's pause.
        var killed = InstanceOf(leader.Process);
        var downed = _instances
            .Where(p => p != leader.Process)
            .SelectMany(p => p.Lines.Where(l => l.IsGoneMemberDowned && l.Timestamp >= killedAt && l.Message.Contains(killed, StringComparison.Ordinal)))
            .MinBy(l => l.Timestamp);
        Assert.True(downed is not null, $"no survivor downed {killed} on finding its port closed");
        var step = await next.Process.WaitForAsync(l => l.IsStep, Patience, next.Leading.Timestamp);
        if (next.Leading.Timestamp > killedAt)
        {
            // Only a takeover the kill caused is a figure (the lease may also move on by itself on a starved machine).
            var recoveredAt = next.Process.Lines.FirstOrDefault(l => l.IsRecovered && l.Timestamp >= next.Leading.Timestamp)?.Timestamp ?? next.Leading.Timestamp;
            _takeovers.Add(new Takeover(
                leader.Epoch, next.Epoch, downed.Timestamp - killedAt, next.Leading.Timestamp - killedAt, recoveredAt - killedAt,
                subscribed.Timestamp - killedAt, step.Timestamp - killedAt));
        }

        // The recovered task table reaches the controller before its first step: what the last leader launched
        // counts as running or in flight, so nothing is launched again.
        Assert.Equal(WantedTasks, step.Long("Running") + step.Long("InFlight"));
        Assert.Equal(0, step.Long("Launches"));
        await AssertReconciledAsRunningAsync(next.Process, subscribed, running);

        // A process supervisor would restart the dead instance: keep three members, and let it join before the next kill.
        var seeds = _instances.Where(p => p.KilledAt is null && !p.HasExited).Select(p => "akka.tcp://" + InstanceOf(p)).ToList();
        await StartInstance(FreePort(), seeds).WaitForAsync(l => l.IsJoined, Patience * 2);
    }

    /// <summary>
    /// A leader that hangs instead of dying, for twice the lease TTL: the others find it unreachable, down it, and the next
    /// oldest takes the lease once it ran out and SUBSCRIBEs with the same framework id, so the master tells the frozen
    /// one's stream "Framework failed over". When it wakes it must not act: its renewal finds the epoch moved on (the
    /// singleton stops), its writes are refused by the journal's key, or the master's error ends its term (whichever it reads first) — and,
    /// downed, its actor system ends and so does the process (exit code 4), unless it learns of the loss first and
    /// stands by. Either way it logs no step after the freeze.
    /// </summary>
    public async Task FreezeLeaderUntilReplacedAsync()
    {
        var leader = await CurrentLeaderAsync();
        await WaitForStepsAsync(leader, StepsPerTerm);
        var frozen = leader.Process;
        await frozen.FreezeAsync();
        var successor = await WaitForLeaderAsync(leader.Epoch);
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
        var woke = frozen.Lines.Where(l => l.Timestamp >= frozen.FrozenAt).ToList();
        // A step journaled just before the freeze may be logged as it wakes (its write's callback was pending): that step
        // is in the successor's recovered history. A step beyond it would be a second writer.
        var recovered = successor.Process.Lines.First(l => l.IsRecovered && l.Timestamp >= successor.Leading.Timestamp).Long("Steps");
        Assert.All(woke.Where(l => l.IsStep), l => Assert.True(
            l.Long("Step") <= recovered, $"{frozen.Name} logged step {l.Long("Step")} after it woke; its successor recovered {recovered}"));
        // Whatever ended its term first, it never subscribed again: that would take the framework back from its successor.
        Assert.DoesNotContain(woke, l => l.IsSubscribed);
        Assert.DoesNotContain(successor.Process.Lines, l => l.IsFailedOver && l.Timestamp >= successor.Leading.Timestamp);
        // A frozen process still accepts connections (the kernel does): it is never taken for a gone one.
        var frozenInstance = InstanceOf(frozen);
        Assert.DoesNotContain(_instances, p => p.Lines.Any(l => l.IsGoneMemberDowned && l.Message.Contains(frozenInstance, StringComparison.Ordinal)));
        output.WriteLine($"{frozen.Name} frozen in epoch {leader.Epoch}; {successor.Process.Name} took over in epoch {successor.Epoch}; {frozen.Name} woke up and logged:");
        foreach (var line in woke.Take(12))
        {
            output.WriteLine($"  {line.Timestamp:HH:mm:ss.fff} {line.Level} {line.Message}");
        }
    }

    /// <summary>
    /// What must hold once the kills and the freeze are over: one leader at a time, writers that never interleave, no task
    /// launched twice, controller history handed over whole, every first warmer still running and none ended since the
    /// first kill.
    /// </summary>
    public async Task AssertHandedOverAsync(int kills)
    {
        var leader = await CurrentLeaderAsync();
        await WaitForStepsAsync(leader, StepsPerTerm * 2);
        var finalTasks = await WaitForRunningAsync();
        var journal = await SharedJournal.ReadAllAsync(connectionString);
        if (SnapshotEvery is null)
        {
            Assert.Equal(0, await SharedJournal.CountSnapshotsAsync(connectionString));
        }

        // The frozen one may have been downed by the others meanwhile: it then ends with exit code 4 (restart to rejoin).
        Assert.All(
            _instances.Where(p => p.KilledAt is null),
            p => Assert.True(!p.HasExited || (p.FrozenAt is not null && p.ExitCode == 4), $"{p.Name} exited by itself; see {p.LogPath}"));

        AssertOneLeaderAtATime();
        if (SnapshotEvery is null)
        {
            AssertJournalWritersNeverInterleave(journal, kills + 1);
        }

        AssertNoTaskLaunchedTwice(journal, finalTasks);
        if (SnapshotEvery is null)
        {
            AssertControllerHistoryHandedOver(journal);
        }

        Assert.Subset(finalTasks.Running.ToHashSet(), _survivors.ToHashSet());
        Assert.All(_survivors, id => Assert.Equal("TASK_RUNNING", finalTasks.Tasks[id]));
        // Nothing of ours ended since the first kill: no kill of an "unknown" task, no TASK_LOST, no relaunch.
        Assert.Equal(_endedBeforeFirstKill.Order(StringComparer.Ordinal), Ended(finalTasks).Order(StringComparer.Ordinal));
        Assert.All(_instances, p => Assert.DoesNotContain(p.Lines, l => l.Message.Contains("which the journal does not know", StringComparison.Ordinal)));
    }

    private static string InstanceOf(RelayProcess process) => process.Lines.First(l => l.IsJoined).State["Instance"];

    /// <summary>The takeover figures: kill to SUBSCRIBED and stepping, per kill and their median.</summary>
    public void Report(string target)
    {
        var totals = _takeovers.Select(t => t.Total).Order().ToList();
        if (totals.Count == 0)
        {
            return;
        }

        string Figures(Func<Takeover, TimeSpan> phase)
        {
            var sorted = _takeovers.Select(phase).Order().ToList();
            return $"p50 {Median(sorted).TotalMilliseconds:0} ms, p90 {Percentile(sorted, 0.9).TotalMilliseconds:0} ms, max {sorted[^1].TotalMilliseconds:0} ms";
        }

        var lines = _takeovers
            .Select(t => $"{target}: epoch {t.OldEpoch} -> {t.NewEpoch}: downed {t.ToDowned.TotalMilliseconds:0} ms, leading {t.ToLeading.TotalMilliseconds:0} ms, " +
                $"recovered {t.ToRecovered.TotalMilliseconds:0} ms, subscribed {t.ToSubscribed.TotalMilliseconds:0} ms, first step {t.ToFirstStep.TotalMilliseconds:0} ms (after the kill)")
            .Append($"{target}: takeover (kill -> subscribed and stepping) over {totals.Count} kills: {Figures(t => t.Total)}, lease TTL {LeaseTtl.TotalMilliseconds:0} ms, " +
                (SnapshotEvery is { } every ? $"snapshot every {every} steps" : "no snapshots (each takeover replays the whole run)"))
            .Append($"{target}:   kill -> downed: {Figures(t => t.ToDowned)}")
            .Append($"{target}:   downed -> leading (removal, lease): {Figures(t => t.ToLeading - t.ToDowned)}")
            // Recovery and SUBSCRIBE run side by side once the term starts; the first step waits for both.
            .Append($"{target}:   leading -> controller history recovered: {Figures(t => t.ToRecovered - t.ToLeading)}")
            .Append($"{target}:   leading -> subscribed: {Figures(t => t.ToSubscribed - t.ToLeading)}")
            .Append($"{target}:   the later of the two -> first step: {Figures(t => t.ToFirstStep - (t.ToRecovered > t.ToSubscribed ? t.ToRecovered : t.ToSubscribed))}")
            .ToList();
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        // xunit keeps test output to itself unless asked; the figures are also left where a benchmark run can find them.
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), $"relay-failover-takeover-{target}.txt"), lines);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_instances.Select(p => p.TerminateAsync(TimeSpan.FromSeconds(15))));
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _http.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every instance joins one Akka cluster: seeds and remoting port through the environment, as an operator would.</summary>
    private RelayProcess StartInstance(int remotingPort, IEnumerable<string> seeds)
    {
        var arguments = new List<string> { "run" };
        foreach (var (key, value) in Overrides)
        {
            arguments.AddRange(["--set", $"{key}={value}"]);
        }

        var environment = new Dictionary<string, string>
        {
            ["RELAY_POSTGRES_CONNECTION_STRING"] = connectionString,
            ["RELAY_MESOS_CLUSTER_PORT"] = remotingPort.ToString(CultureInfo.InvariantCulture),
            ["RELAY_MESOS_SEED_NODES"] = string.Join(",", seeds),
        };
        var instance = RelayProcess.Start($"relay-{_instances.Count + 1}", arguments, environment, logFolder);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>
    /// Reconciliation after a takeover: the new leader asks about each task its journal holds (explicit) and then about
    /// all (implicit); the master must answer each running task as TASK_RUNNING in both rounds, from the master, for
    /// reconciliation — never lost, gone or unknown.
    /// </summary>
    private async Task AssertReconciledAsRunningAsync(RelayProcess leader, LogLine subscribed, IReadOnlySet<string> running)
    {
        foreach (var round in new[] { "explicit", "implicit" })
        {
            foreach (var task in running)
            {
                var answer = await leader.WaitForAsync(
                    l => l.IsReconciliationAnswer && l.State["Round"] == round && l.State["TaskId"] == task, Patience, subscribed.Timestamp);
                Assert.True(
                    answer.State["State"] == "TaskRunning" && answer.State["Source"] == "Master" && answer.State["Reason"] == "Reconciliation" && answer.State["Journaled"] == "TaskRunning",
                    $"{leader.Name}'s {round} reconciliation of {task}: {answer.Message}");
            }
        }

        Assert.DoesNotContain(leader.Lines, l => l.IsReconciliationAnswer && l.Timestamp >= subscribed.Timestamp && l.State["State"] != "TaskRunning");
    }

    /// <summary>The instance the lease row names, once it has logged that it leads in that epoch.</summary>
    private async Task<Leader> CurrentLeaderAsync()
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT holder_id, epoch FROM relay_mesos.leases WHERE name = 'relay-mesos'", connection);
                await using var reader = await command.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                {
                    var holder = reader.GetString(0);
                    var epoch = reader.GetInt64(1);
                    var process = _instances.FirstOrDefault(p => p.KilledAt is null && p.Lines.Any(l => l.State.TryGetValue("Instance", out var id) && id == holder));
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

    private async Task<Leader> WaitForLeaderAsync(long afterEpoch)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var leading = _instances
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
    private async Task<ClusterTasks> WaitForRunningAsync()
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var tasks = await ClusterTasks.ReadAsync(_http, master, frameworkName);
            if (tasks.Running.Count == WantedTasks && tasks.Live.Count == WantedTasks)
            {
                return tasks;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{tasks.Running.Count} task(s) running instead of {WantedTasks}.");
            await Task.Delay(100);
        }
    }

    private static IReadOnlySet<string> Ended(ClusterTasks tasks) =>
        tasks.Tasks.Where(t => Terminal.Contains(t.Value)).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Each epoch's acting interval (its "Leading" line to its loss, its SIGKILL, its SIGSTOP, or the end) ends before the
    /// next epoch's begins. A stopped process cannot act; that it does not act once it wakes is checked by the journal's
    /// epoch order and by its log (no step after the freeze).
    /// </summary>
    private void AssertOneLeaderAtATime()
    {
        var terms = _instances
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
    private void AssertJournalWritersNeverInterleave(IReadOnlyList<JournalRow> journal, int leaders)
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

    private IEnumerable<JournalRow> ControllerSteps(IReadOnlyList<JournalRow> journal) =>
        journal.Where(r => r.PersistenceId == PersistenceIds.ControllerPrefix + "/" + frameworkName + "/*");

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
    private void AssertControllerHistoryHandedOver(IReadOnlyList<JournalRow> journal)
    {
        var hocon = RelayConfigurationLoader.Load(new ConfigurationLayers([], Overrides), new Dictionary<string, string?>());
        var controller = ControllerFactory.Create(ControllerSettingsBinder.Bind(new ConfigurationBuilder().AddHocon(hocon).Build()));
        var steps = ControllerSteps(journal).OrderBy(r => r.SequenceNr).ToList();
        var checkedTakeovers = 0;
        foreach (var instance in _instances)
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

                var lastLoggedBefore = _instances
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

    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double fraction) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    private static TimeSpan Median(IReadOnlyList<TimeSpan> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
