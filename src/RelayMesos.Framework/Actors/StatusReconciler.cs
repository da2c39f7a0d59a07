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
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly DatabaseIncidentLog _database;
    private readonly Dictionary<string, DateTimeOffset> _lastUpdate = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRecord> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private FrameworkActors? _peers;
    private int? _runningWarmersSent;
    private string? _frameworkId;
    private TaskTable _table = TaskTable.Empty;
    private LaunchTally _recorded = LaunchTally.None;

    // Scale-in kills asked for in this term, and those already marked in the table (what the controller can see).
    private long _killsAsked;
    private long _killsRecorded;
    private int _failures;
    private long _eventsSinceSnapshot;
    private ReconciliationRound _reconciliation = ReconciliationRound.NotStarted;
    private bool _stopRequested;
    private string? _launchesRefused;

    // Which question the master's reconciliation answers reply to: the explicit round after a (re)subscription, or an
    // implicit one (after the explicit round, and periodically). Logged with each answer.
    private string _round = "explicit";

    public StatusReconciler(FrameworkSettings settings, TimeProvider clock, ILogger logger, DatabaseIncidentLog? database = null)
    {
        _database = database ?? new DatabaseIncidentLog(logger);
        _settings = settings;
        _clock = clock;
        _logger = logger;
        PersistenceId = PersistenceIds.Reconciler(settings);

        Recover<SnapshotOffer>(RecoverSnapshot);
        Recover<FrameworkIdAssigned>(e => _frameworkId = e.FrameworkId.Length == 0 ? null : e.FrameworkId);
        Recover<TasksLaunched>(e => _table = _table.WithLaunched(e.Tasks));
        Recover<TaskStateChanged>(Apply);
        Recover<TaskKillRequested>(e => _table = _table.WithKilling(e.TaskId));
        Recover<RecoveryCompleted>(_ => OnRecoveryCompleted());

        Command<FrameworkActors>(peers =>
        {
            _peers = peers;
            _runningWarmersSent = null;
            _ = TellRunningWarmers();
        });
        Command<GetFrameworkId>(_ => Sender.Tell(new FrameworkIdentity(_frameworkId), Self));
        Command<GetTaskTable>(_ => Sender.Tell(new TaskTableChanged(_table, _recorded, _killsRecorded, _clock.GetUtcNow()), Self));
        Command<FrameworkSubscribed>(OnSubscribed);
        Command<RecordLaunches>(OnRecordLaunches);
        Command<StatusUpdateReceived>(e => OnStatus(e.Status));
        Command<KillWarmers>(OnKillWarmers);
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

    /// <summary>The poller reads a <c>tasks</c> metric from this count; it hears of a change only.</summary>
    /// <returns>The time the count is as of: a task that starts running counts from then.</returns>
    private DateTimeOffset TellRunningWarmers()
    {
        var now = _clock.GetUtcNow();
        var count = _table.RunningCount(TaskKind.Warmer, _settings.HealthCheck.Enabled);
        if (count != _runningWarmersSent && _peers?.MetricPoller is { } poller)
        {
            poller.Tell(new RunningWarmersChanged(count, now), Self);
            _runningWarmersSent = count;
        }

        return now;
    }

    private void PublishTable()
    {
        _ = TellRunningWarmers();
        // The peers that act on the table are told; the web UI and metrics hear of it on the event stream.
        var changed = new TaskTableChanged(_table, _recorded, _killsRecorded, _clock.GetUtcNow());
        _peers?.Controller.Tell(changed, Self);
        _peers?.OfferHandler.Tell(changed, Self);
        Context.System.EventStream.Publish(changed);
    }
}
