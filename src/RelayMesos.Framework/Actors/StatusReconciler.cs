using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Sources;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1.Scheduler;
using RelayMesos.Mesos.V1;
using RelayMesos.Persistence.Sql;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Keeps the task table (journaled), acknowledges every update that carries a uuid once its effect is
/// durable, reconciles after every (re)subscription and periodically, kills tasks Mesos runs for us that
/// the journal does not know, and enforces max-failures.
/// </summary>
public sealed class StatusReconciler : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan FirstReconcileRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReconcileRetry = TimeSpan.FromSeconds(30);

    // A launch younger than this may still be on its way to the master (ACCEPT and RECONCILE are separate
    // requests): asked about it, the master would answer "unknown" for a task that is about to exist.
    private static readonly TimeSpan LaunchInFlight = TimeSpan.FromSeconds(5);

    // Tasks that left the table, so that a late sign of life of one is recognised as ours, not killed as foreign.
    private const int EndedCapacity = 10_000;

    private readonly FrameworkSettings _settings;
    private readonly TaskCounter _counter;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly DatabaseIncidentLog _database;
    private readonly Dictionary<string, DateTimeOffset> _lastUpdate = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRecord> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private FrameworkActors? _peers;
    private string? _frameworkId;
    private TaskTable _table = TaskTable.Empty;
    private LaunchTally _recorded = LaunchTally.None;

    // Scale-in kills asked for in this term, and those already marked in the table (what the controller can see).
    private long _killsAsked;
    private long _killsRecorded;
    private int _failures;
    private long _eventsSinceSnapshot;
    private DateTimeOffset _reconcileStart;
    private TimeSpan _reconcileRetry = FirstReconcileRetry;
    private bool _stopRequested;

    // Which question the master's reconciliation answers reply to: the explicit round after a (re)subscription, or an
    // implicit one (after the explicit round, and periodically). Logged with each answer.
    private string _round = "explicit";

    public StatusReconciler(FrameworkSettings settings, TaskCounter counter, TimeProvider clock, ILogger logger, DatabaseIncidentLog? database = null)
    {
        _database = database ?? new DatabaseIncidentLog(logger);
        _settings = settings;
        _counter = counter;
        _clock = clock;
        _logger = logger;
        PersistenceId = PersistenceIds.Reconciler(settings);

        Recover<SnapshotOffer>(offer =>
        {
            var snapshot = (ReconcilerSnapshot)offer.Snapshot;
            _frameworkId = snapshot.FrameworkId;
            _table = TaskTable.Empty.WithLaunched(snapshot.Tasks);
            _failures = snapshot.FailureCount;
        });
        Recover<FrameworkIdAssigned>(e => _frameworkId = e.FrameworkId.Length == 0 ? null : e.FrameworkId);
        Recover<TasksLaunched>(e => _table = _table.WithLaunched(e.Tasks));
        Recover<TaskStateChanged>(Apply);
        Recover<TaskKillRequested>(e => _table = _table.WithKilling(e.TaskId));
        Recover<RecoveryCompleted>(_ =>
        {
            Context.System.EventStream.Subscribe(Self, typeof(FrameworkSubscribed));
            if (_table.Count > 0 || _frameworkId is not null)
            {
                _logger.LogInformation("Task table recovered: framework {FrameworkId}, {Count} task(s) not yet terminal.", _frameworkId ?? "(none)", _table.Count);
            }

            if (FailureBudget.Exhausted(_failures, _settings.MaxFailures))
            {
                // An earlier term ran out of failures and its stop did not reach this member (unreachable at that moment,
                // on a busy machine): the run is over, and this term must not launch before it ends too.
                _stopRequested = true;
                var reason = $"max-failures reached: {_failures} failures (failures - successes) against a limit of {_settings.MaxFailures}, journaled by an earlier term";
                _logger.LogError("{Reason}", reason);
                Context.Parent.Tell(new StopRequested(_settings.MaxFailuresExitCode, reason), Self);
            }

            PublishTable();
        });

        Command<FrameworkActors>(peers => _peers = peers);
        Command<GetFrameworkId>(_ => Sender.Tell(new FrameworkIdentity(_frameworkId), Self));
        Command<GetTaskTable>(_ => Sender.Tell(new TaskTableChanged(_table, _recorded, _killsRecorded, _clock.GetUtcNow()), Self));
        Command<FrameworkSubscribed>(OnSubscribed);
        Command<RecordLaunches>(OnRecordLaunches);
        Command<StatusUpdateReceived>(e => OnStatus(e.Status));
        Command<KillWarmers>(OnKillWarmers);
        Command<EmbeddedClusterStopping>(_ => OnEmbeddedClusterStopping());
        Command<KillUnhealthy>(e =>
        {
            if (_table.Tasks.TryGetValue(e.TaskId, out var task) && !task.Killing)
            {
                KillTask(task);
            }
        });
        Command<ReconcileTick>(_ => ReconcileRemaining());
        Command<PeriodicReconcile>(_ => SendReconcile([]));
        Command<SaveSnapshotSuccess>(e => DeleteMessages(e.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(e => _logger.LogWarning("Task table snapshot not saved: {Reason}", e.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(e => _logger.LogWarning("Old task events not deleted: {Reason}", e.Cause.Message));
    }

    public override string PersistenceId { get; }

    /// <summary>A journal that cannot write is an incident, not a crash: one line; Akka stops this actor and the term restarts after a backoff.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        _database.Failed("journal write", $"task table event {sequenceNr} not journaled, so not acted on: {cause.Message}");

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        _logger.LogWarning("Task table event {SequenceNr} refused by the journal, so not acted on: {Reason}", sequenceNr, cause.Message);

    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        _database.Failed("journal read", $"task table history could not be recovered: {reason.Message}");

    public ITimerScheduler Timers { get; set; } = null!;

    private void OnSubscribed(FrameworkSubscribed subscribed)
    {
        if (_frameworkId != subscribed.FrameworkId)
        {
            Persist(new FrameworkIdAssigned(subscribed.FrameworkId), e =>
            {
                _frameworkId = e.FrameworkId;
                Snapshotting();
            });
        }

        // Reconciliation as Mesos' reconciliation.md prescribes: explicit for what we know, retried with
        // backoff until each task has been heard of since the start, then one implicit round.
        _reconcileStart = _clock.GetUtcNow();
        _reconcileRetry = FirstReconcileRetry;
        _round = "explicit";
        ReconcileRemaining();
        if (_settings.ReconcileInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer("periodic-reconcile", PeriodicReconcile.Instance, _settings.ReconcileInterval);
        }
    }

    private void ReconcileRemaining()
    {
        // Only what was known when this round started: a task launched since is no question for the master yet,
        // and counting it would put the implicit round off for as long as launches keep coming.
        var now = _clock.GetUtcNow();
        var unheard = _table.NonTerminal()
            .Where(t => t.LaunchedAt < _reconcileStart)
            .Where(t => !_lastUpdate.TryGetValue(t.TaskId, out var heard) || heard < _reconcileStart)
            .ToList();
        var remaining = unheard.Where(t => now - t.LaunchedAt >= LaunchInFlight).ToList();
        if (unheard.Count == 0)
        {
            Timers.Cancel("reconcile");
            SendReconcile([]);
            return;
        }

        if (remaining.Count > 0)
        {
            _logger.LogInformation("Reconciling {Count} task(s) explicitly.", remaining.Count);
            SendReconcile(remaining);
        }

        Timers.StartSingleTimer("reconcile", ReconcileTick.Instance, _reconcileRetry);
        _reconcileRetry = TimeSpan.FromTicks(Math.Min(MaxReconcileRetry.Ticks, _reconcileRetry.Ticks * 2));
    }

    private void SendReconcile(IReadOnlyList<TaskRecord> tasks)
    {
        if (tasks.Count == 0)
        {
            _round = "implicit";
        }

        var reconcile = new Call.Types.Reconcile();
        reconcile.Tasks.AddRange(tasks.Select(t => new Call.Types.Reconcile.Types.Task
        {
            TaskId = new TaskID { Value = t.TaskId },
            AgentId = new AgentID { Value = t.AgentId },
        }));
        _peers?.Gateway.Tell(new SendCall(new Call { Type = Call.Types.Type.Reconcile, Reconcile = reconcile }), Self);
    }

    private void OnRecordLaunches(RecordLaunches record)
    {
        if (_stopRequested)
        {
            // The run ends (max-failures): a launch planned meanwhile is never journaled, so it never leaves.
            _logger.LogInformation("{Count} launch(es) not sent: the run is ending.", record.Tasks.Count);
            return;
        }

        var launcher = Sender;
        Persist(new TasksLaunched(record.Tasks), e =>
        {
            _table = _table.WithLaunched(e.Tasks);
            _recorded = e.Tasks.Aggregate(_recorded, (tally, task) => tally.Plus(task.Kind, 1));
            launcher.Tell(new LaunchesRecorded(record.Accept, e.Tasks.Count), Self);
            // Logged here, not by the launcher as it sends: this actor also decides max-failures, so the line of a launch
            // journaled before the stop always comes before the stop's line (a launcher running late on a busy machine
            // wrote it after, and the run seemed to launch once it had stopped).
            _logger.LogInformation("Launching {Count} task(s): {Tasks}", e.Tasks.Count, TaskLauncher.Describe(record.Accept));
            PublishTable();
            Snapshotting();
        });
    }

    private void OnStatus(TaskStatus status)
    {
        var taskId = status.TaskId.Value;
        var now = _clock.GetUtcNow();
        _lastUpdate[taskId] = now;
        if (status.Reason == TaskStatus.Types.Reason.Reconciliation)
        {
            // What Mesos says of each task after a takeover is what decides whether anything is killed or launched again.
            _logger.LogInformation(
                "Reconciliation ({Round}): Mesos reports {TaskId} {State} (source {Source}, reason {Reason}); the journal has it {Journaled}.",
                _round, taskId, status.State, status.Source, status.Reason,
                _table.Tasks.TryGetValue(taskId, out var journaled) ? journaled.State.ToString() : _ended.TryGetValue(taskId, out var ended) ? ended.State.ToString() : "unknown");
        }
        if (!_table.Tasks.TryGetValue(taskId, out var known))
        {
            if (!TaskStates.IsTerminal(status.State) && _ended.TryGetValue(taskId, out var ended))
            {
                // Reported gone (a reconciliation answer that raced its launch, an agent that came back), yet alive:
                // the journal holds it, so it is ours again, never a stranger to kill.
                _logger.LogInformation("Task {TaskId}, last seen {State}, is {Now} again; taking it back.", taskId, ended.State, status.State);
                Persist(new TasksLaunched([ended with { State = status.State, RunningSince = status.State == TaskState.TaskRunning ? now : null, Killing = false }]), e =>
                {
                    _table = _table.WithLaunched(e.Tasks);
                    _ended.Remove(taskId);
                    PublishTable();
                    Self.Tell(new StatusUpdateReceived(status), Self);
                });
                return;
            }

            if (!TaskStates.IsTerminal(status.State) && _frameworkId is not null)
            {
                // Write-ahead means we journal every task before launching it: an unknown live task is not ours to keep.
                _logger.LogWarning("Mesos runs task {TaskId}, which the journal does not know; killing it.", taskId);
                _peers?.Gateway.Tell(new SendCall(KillCall(taskId, status.AgentId?.Value)), Self);
            }

            Acknowledge(status);
            return;
        }

        bool? healthy = status.HasHealthy ? status.Healthy : null;
        if ((known.State == status.State && healthy == known.Healthy) || TaskStates.IsRegression(known.State, status.State))
        {
            Acknowledge(status);
            return;
        }

        Persist(new TaskStateChanged(taskId, status.State, now, healthy), e =>
        {
            var previous = known.State;
            Apply(e);
            if (!TaskTable.IsRunning(known, _settings.HealthCheck.Enabled)
                && _table.Tasks.TryGetValue(taskId, out var current) && TaskTable.IsRunning(current, _settings.HealthCheck.Enabled))
            {
                // The `tasks` metric counts this task from the moment the counter is set; a sample read before then
                // does not hold it, and must count it in flight. So its running time starts after the counter moved.
                UpdateTaskCounter();
                _table = _table.RunningFrom(taskId, _clock.GetUtcNow());
            }
            LogTransition(known, status);
            Acknowledge(status);
            PublishTable();
            Snapshotting();
            if (FailureBudget.Exhausted(_failures, _settings.MaxFailures) && !_stopRequested)
            {
                _stopRequested = true;
                var reason = $"max-failures reached: {_failures} failures (failures - successes) against a limit of {_settings.MaxFailures}; last: {taskId} {status.State} {status.Message}";
                _logger.LogError("{Reason}", reason);
                Context.Parent.Tell(new StopRequested(_settings.MaxFailuresExitCode, reason), Self);
            }

            if (healthy == false && previous == TaskState.TaskRunning && !known.Killing)
            {
                _logger.LogWarning("Task {TaskId} turned unhealthy; killing it so a healthy one replaces it.", taskId);
                Self.Tell(new KillUnhealthy(taskId), Self);
            }
        });
    }

    private void Apply(TaskStateChanged e)
    {
        var previous = _table.Tasks.GetValueOrDefault(e.TaskId);
        if (previous is not null && TaskStates.IsTerminal(e.State))
        {
            RememberEnded(previous with { State = e.State });
        }

        _failures = FailureBudget.Apply(_failures, previous, e.State, e.At, _settings.MaxFailuresHealthyAfter);
        _table = _table.WithState(e.TaskId, e.State, e.At, e.Healthy);
    }

    private void OnEmbeddedClusterStopping()
    {
        var asker = Sender;
        var live = _table.NonTerminal();
        if (live.Count == 0)
        {
            asker.Tell(MesosGateway.Done.Instance, Self);
            return;
        }

        var now = _clock.GetUtcNow();
        var left = live.Count;
        PersistAll(live.Select(t => new TaskStateChanged(t.TaskId, TaskState.TaskKilled, now, null)), e =>
        {
            Apply(e);
            if (--left == 0)
            {
                _logger.LogInformation("{Count} task(s) end with the embedded cluster; recorded as killed.", live.Count);
                PublishTable();
                asker.Tell(MesosGateway.Done.Instance, Self);
            }
        });
    }

    private void RememberEnded(TaskRecord task)
    {
        if (_ended.TryAdd(task.TaskId, task))
        {
            _endedOrder.Enqueue(task.TaskId);
            if (_endedOrder.Count > EndedCapacity)
            {
                _ended.Remove(_endedOrder.Dequeue());
            }
        }
        else
        {
            _ended[task.TaskId] = task;
        }
    }

    private void OnKillWarmers(KillWarmers kill)
    {
        // The controller counted a table without the kills asked for since (their tasks still looked running):
        // those already answer part of this step's surplus.
        var unseen = (int)Math.Clamp(_killsAsked - kill.KillsCounted, 0, int.MaxValue);
        var victims = _table.NewestFirst(TaskKind.Warmer, kill.Count - unseen);
        if (victims.Count == 0)
        {
            if (unseen > 0)
            {
                _logger.LogDebug("Step {Step}: {Count} kill(s) asked for are already on their way.", kill.Step, kill.Count);
            }

            return;
        }

        if (_settings.DryRun)
        {
            _logger.LogInformation("dry-run: would kill {Count} warmer(s): {Tasks}", victims.Count, string.Join(", ", victims.Select(v => v.TaskId)));
            return;
        }

        foreach (var victim in victims)
        {
            _killsAsked++;
            KillTask(victim, scaleIn: true);
        }
    }

    private void KillTask(TaskRecord task, bool scaleIn = false) =>
        Persist(new TaskKillRequested(task.TaskId), e =>
        {
            _table = _table.WithKilling(e.TaskId);
            if (scaleIn)
            {
                _killsRecorded++;
            }

            _peers?.Gateway.Tell(new SendCall(KillCall(task.TaskId, task.AgentId)), Self);
            _logger.LogInformation("Killing {TaskId} on {Host} (grace period {Grace}).", task.TaskId, task.Hostname, _settings.Task.KillGracePeriod);
            PublishTable();
            Snapshotting();
        });

    private Call KillCall(string taskId, string? agentId)
    {
        var kill = new Call.Types.Kill
        {
            TaskId = new TaskID { Value = taskId },
            KillPolicy = new KillPolicy { GracePeriod = new DurationInfo { Nanoseconds = _settings.Task.KillGracePeriod.Ticks * 100 } },
        };
        if (agentId is not null)
        {
            kill.AgentId = new AgentID { Value = agentId };
        }

        return new Call { Type = Call.Types.Type.Kill, Kill = kill };
    }

    private void Acknowledge(TaskStatus status)
    {
        if (!status.HasUuid || status.Uuid.IsEmpty || status.AgentId is null)
        {
            return;
        }

        var ack = new Call.Types.Acknowledge { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid };
        _peers?.Gateway.Tell(new SendCall(new Call { Type = Call.Types.Type.Acknowledge, Acknowledge = ack }), Self);
    }

    private void LogTransition(TaskRecord task, TaskStatus status)
    {
        var level = TaskStates.IsFailure(status.State) ? LogLevel.Warning : LogLevel.Information;
        _logger.Log(level, "Task {TaskId} ({Kind}) on {Host}: {From} → {To}{Message}",
            task.TaskId, task.Kind, task.Hostname, task.State, status.State,
            string.IsNullOrEmpty(status.Message) ? "" : $" ({status.Message})");
    }

    private void UpdateTaskCounter() => _counter.Set(_table.RunningCount(TaskKind.Warmer, _settings.HealthCheck.Enabled));

    private void PublishTable()
    {
        UpdateTaskCounter();
        Context.System.EventStream.Publish(new TaskTableChanged(_table, _recorded, _killsRecorded, _clock.GetUtcNow()));
    }

    private void Snapshotting()
    {
        if (++_eventsSinceSnapshot < _settings.SnapshotEvery)
        {
            return;
        }

        _eventsSinceSnapshot = 0;
        SaveSnapshot(new ReconcilerSnapshot(_frameworkId, _table.NonTerminal(), _failures));
    }

    private sealed record KillUnhealthy(string TaskId);

    private sealed record ReconcileTick
    {
        public static ReconcileTick Instance { get; } = new();
    }

    private sealed record PeriodicReconcile
    {
        public static PeriodicReconcile Instance { get; } = new();
    }
}
