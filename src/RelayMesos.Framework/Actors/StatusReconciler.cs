using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Keeps the task table (journaled), acknowledges every update that carries a uuid once its effect is
/// durable, reconciles after every (re)subscription and periodically, kills tasks Mesos runs for us that
/// the journal does not know, and enforces max-failures.
/// </summary>
/// <remarks>
/// One actor, one file per concern: <c>.Journal</c> (recovery, the fold, snapshots), <c>.Launches</c> (write-ahead and
/// the embedded cluster's end), <c>.Updates</c> (status updates and their acknowledgement), <c>.ForeignTasks</c> (live
/// tasks the table does not hold), <c>.Reconciliation</c>, <c>.Kills</c> (scale-in and unhealthy tasks) and
/// <c>.MaxFailures</c>.
/// </remarks>
public sealed partial class StatusReconciler : ReceivePersistentActor, IWithTimers
{
    private readonly FrameworkSettings _settings;
    private PerLoopSettings _loops;
    private readonly Dictionary<string, LoopBook> _books = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly DatabaseIncidentLog _database;
    private readonly Dictionary<string, DateTimeOffset> _lastUpdate = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRecord> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private FrameworkActors? _peers;
    private string? _frameworkId;
    private TaskTable _table = TaskTable.Empty;
    private long _eventsSinceSnapshot;
    private ReconciliationRound _reconciliation = ReconciliationRound.NotStarted;
    private bool _stopRequested;
    private string? _launchesRefused;

    // Which question the master's reconciliation answers reply to: the explicit round after a (re)subscription, or an
    // implicit one (after the explicit round, and periodically). Logged with each answer.
    private string _round = "explicit";

    /// <param name="settings">The framework's settings (and the one loop's, when <paramref name="loops"/> is null).</param>
    /// <param name="loops">Each loop's settings: the health check, kill grace period, dry-run and max-failures of its tasks.</param>
    public StatusReconciler(
        FrameworkSettings settings, TimeProvider clock, ILogger logger, DatabaseIncidentLog? database = null,
        IReadOnlyList<FrameworkSettings>? loops = null)
    {
        _database = database ?? new DatabaseIncidentLog(logger);
        _settings = settings;
        _loops = new PerLoopSettings(settings, loops);
        _clock = clock;
        _logger = logger;
        PersistenceId = PersistenceIds.Reconciler(settings);

        Recover<SnapshotOffer>(RecoverSnapshot);
        Recover<FrameworkIdAssigned>(e => _frameworkId = e.FrameworkId.Length == 0 ? null : e.FrameworkId);
        Recover<TasksLaunched>(e => _table = _table.WithLaunched(e.Tasks));
        Recover<TaskStateChanged>(Apply);
        Recover<TaskKillRequested>(e => _table = _table.WithKilling(e.TaskId));
        Recover<LoopFailuresReset>(e => Book(e.Loop).Failures = 0);
        Recover<RecoveryCompleted>(_ => OnRecoveryCompleted());

        Command<FrameworkActors>(peers =>
        {
            _peers = peers;
            foreach (var book in _books.Values)
            {
                book.RunningWarmersSent = null;
            }

            _ = TellRunningWarmers();
        });
        Command<GetFrameworkId>(_ => Sender.Tell(new FrameworkIdentity(_frameworkId), Self));
        Command<GetTaskTable>(q => Sender.Tell(TableOf(q.Loop, _clock.GetUtcNow()), Self));
        Command<FrameworkSubscribed>(OnSubscribed);
        Command<RecordLaunches>(OnRecordLaunches);
        Command<StatusUpdateReceived>(e => OnStatus(e.Status));
        Command<KillWarmers>(OnKillWarmers);
        Command<LoopSettingsChanged>(e => _loops = new PerLoopSettings(_settings, e.Loops));
        Command<RetireLoop>(OnRetireLoop);
        Command<ResetFailures>(OnResetFailures);
        Command<EmbeddedClusterStopping>(_ => OnEmbeddedClusterStopping());
        Command<StopDeciding>(_ =>
        {
            _launchesRefused = "this process is stopping";
            Sender.Tell(MesosGateway.Done.Instance, Self);
        });
        Command<KillUnhealthy>(OnKillUnhealthy);
        Command<ReconcileTick>(_ => ReconcileRemaining());
        Command<PeriodicReconcile>(_ => SendReconcile([]));
        Command<SaveSnapshotSuccess>(e => DeleteMessages(e.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(e => _logger.LogWarning("Task table snapshot not saved: {Reason}", e.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(e => _logger.LogWarning("Old task events not deleted: {Reason}", e.Cause.Message));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Each loop's poller reads a <c>tasks</c> metric from its loop's count; it hears of a change only.</summary>
    /// <returns>The time the counts are as of: a task that starts running counts from then.</returns>
    private DateTimeOffset TellRunningWarmers()
    {
        var now = _clock.GetUtcNow();
        if (_peers is null)
        {
            return now;
        }

        var running = _table.RunningByLoop(TaskKind.Warmer, loop => _loops.Of(loop).HealthCheck.Enabled);
        foreach (var (loop, actors) in _peers.Loops)
        {
            var count = running.GetValueOrDefault(loop);
            var book = Book(loop);
            if (count != book.RunningWarmersSent && actors.MetricPoller is { } poller)
            {
                poller.Tell(new RunningWarmersChanged(count, now), Self);
                book.RunningWarmersSent = count;
            }
        }

        return now;
    }

    private void PublishTable()
    {
        _ = TellRunningWarmers();
        // The peers that act on the table are told (each loop's controller its own tasks); the web UI and metrics hear
        // of it on the event stream.
        var now = _clock.GetUtcNow();
        foreach (var (loop, actors) in _peers?.Loops ?? new Dictionary<string, LoopActors>())
        {
            actors.Controller.Tell(TableOf(loop, now), Self);
        }

        var changed = new TaskTableChanged(_table, LaunchTally.None, 0, now);
        _peers?.OfferHandler.Tell(changed, Self);
        Context.System.EventStream.Publish(changed);
    }

    private TaskTableChanged TableOf(string loop, DateTimeOffset now)
    {
        var book = Book(loop);
        return new TaskTableChanged(_table.ForLoop(loop), book.Recorded, book.KillsRecorded, now);
    }

    private LoopBook Book(string loop)
    {
        if (!_books.TryGetValue(loop, out var book))
        {
            _books[loop] = book = new LoopBook();
        }

        return book;
    }

    /// <summary>What the reconciler counts per loop in a term (tallies, kills) and across terms (failures, journaled).</summary>
    private sealed class LoopBook
    {
        /// <summary>The launches this term recorded so far (write-ahead), by kind.</summary>
        public LaunchTally Recorded { get; set; } = LaunchTally.None;

        /// <summary>Scale-in kills asked for in this term.</summary>
        public long KillsAsked { get; set; }

        /// <summary>Scale-in kills already marked in the table (what the controller can see).</summary>
        public long KillsRecorded { get; set; }

        /// <summary>max-failures' count: failures less successes.</summary>
        public int Failures { get; set; }

        public int? RunningWarmersSent { get; set; }

        /// <summary>The loop ran out of failures: nothing more is launched for it.</summary>
        public bool Exhausted { get; set; }
    }
}
