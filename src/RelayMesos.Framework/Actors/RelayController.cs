using System.Diagnostics;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Controllers;
using RelayMesos.Failover;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Persistent home of the pure controller. A sample becomes a step: journal first, then act, so a new
/// leader that replays the journal holds the very error window, ramp position and cooldowns this one had.
/// The latest demand replaces the previous one; requests never pile up.
/// </summary>
public sealed partial class RelayController : ReceivePersistentActor
{
    private readonly IController _controller;
    private readonly ControllerSettings _settings;
    private readonly FrameworkSettings _framework;
    private readonly ILogger _logger;
    private readonly DatabaseIncidentLog _database;
    private ControllerState _state = ControllerState.Initial;
    private TaskTable _table = TaskTable.Empty;
    private LaunchTally _recorded = LaunchTally.None;
    private long _killsRecorded;
    private readonly KillsOverTime _kills = new();
    private bool _tableKnown;
    private Sample? _waitingForTable;
    private DemandProgress? _progress;
    private FrameworkActors? _peers;
    private long _stepsSinceSnapshot;

    public RelayController(IController controller, ControllerSettings settings, FrameworkSettings framework, ILogger logger, DatabaseIncidentLog? database = null)
    {
        _controller = controller;
        _settings = settings;
        _framework = framework;
        _logger = logger;
        _database = database ?? new DatabaseIncidentLog(logger);
        PersistenceId = PersistenceIds.Controller(framework);

        Recover<SnapshotOffer>(offer =>
        {
            var snapshot = (ControllerSnapshot)offer.Snapshot;
            _state = ControllerState.FromJson(snapshot.StateJson);
            _paused = snapshot.Paused;
            _targetOverride = snapshot.TargetOverride;
        });
        Recover<ControllerStepped>(e =>
        {
            _state = _controller.Step(_state, e.Input).State;
            _stepsSinceSnapshot++;
        });
        RecoverOperatorEvents();
        Recover<RecoveryCompleted>(_ =>
        {
            if (_state.Steps > 0)
            {
                _logger.LogInformation(
                    "Controller history recovered: {Steps} steps, {Window} errors in the window, last MV {Mv}, state {Fingerprint}.",
                    _state.Steps, _state.Window.Length, _state.LastMv, ControllerFingerprint.Of(_state));
            }

            AnnounceOperatorState();
        });

        Command<FrameworkActors>(peers =>
        {
            _peers = peers;
            peers.Reconciler.Tell(new GetTaskTable(_framework.Loop), Self);
        });
        Command<TaskTableChanged>(e =>
        {
            _table = e.Table;
            _recorded = e.Recorded;
            _killsRecorded = e.KillsRecorded;
            _kills.Record(e.KillsRecorded, e.At);
            _tableKnown = true;
            if (_waitingForTable is { } waiting)
            {
                // A term's first sample usually lands before the table (recovery stashes it): step on it now
                // instead of a whole delay later.
                _waitingForTable = null;
                OnSample(waiting);
            }
        });
        Command<DemandProgress>(e => _progress = e);
        HandleOperatorActions();
        Command<Sample>(OnSample);
        Command<FallbackDemand>(e => Act(e.Mv, _state.Steps));
        Command<SamplingPaused>(_ => Act(0, _state.Steps));
        Command<GetControllerState>(_ => Sender.Tell(_state, Self));
        Command<SaveSnapshotSuccess>(e => DeleteMessages(e.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(e => _logger.LogWarning("Controller snapshot not saved: {Reason}", e.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(e => _logger.LogWarning("Old controller steps not deleted: {Reason}", e.Cause.Message));
    }

    public override string PersistenceId { get; }

    /// <summary>
    /// A journal that cannot write is an incident, not a crash: one warning per incident (the database's incident log);
    /// Akka stops this actor and the term restarts after a backoff.
    /// </summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        _database.Failed("journal write", $"controller step {sequenceNr} not journaled, so not acted on: {cause.Message}");

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        _logger.LogWarning("Controller step {SequenceNr} refused by the journal, so not acted on: {Reason}", sequenceNr, cause.Message);

    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        _database.Failed("journal read", $"controller history could not be recovered: {reason.Message}");

    private void OnSample(Sample sample)
    {
        if (!_tableKnown)
        {
            // Counting running and in-flight tasks as zero would launch again what the last leader launched.
            // The latest such sample waits for the table; an older one is dropped.
            _logger.LogDebug("Sample held: the task table has not arrived from the reconciler yet.");
            _waitingForTable = sample;
            return;
        }

        if (_paused)
        {
            Act(0, _state.Steps);
            return;
        }

        // Counted as of the metric's reading: a task that took effect since is not in the metric yet, so it is in flight.
        var counts = _table.Counts(sample.MetricReadAt ?? sample.At, _settings.EffectDelay, _framework.HealthCheck.Enabled);
        var input = new ControllerInput(
            _targetOverride ?? sample.Target, sample.Metric, sample.At,
            counts.RunningWarmers, counts.InFlightWarmers, counts.RunningCoolers, counts.InFlightCoolers,
            Starved: _progress is { Starved: true });
        var step = _controller.Step(_state, input);
        var journaling = Stopwatch.GetTimestamp();
        Persist(new ControllerStepped(input, step.Decision), stepped =>
        {
            Context.System.EventStream.Publish(new JournalWriteTimed(Stopwatch.GetElapsedTime(journaling)));
            _database.Succeeded();
            _state = step.State;
            // A kill recorded after the metric was read is not in the metric: its task still counts there, and it
            // already answers part of the surplus (a busy machine read 3 of 3 warmers after two had been told to stop,
            // and the third, the one to keep, was killed too).
            var launching = Act(stepped.Decision.Mv, _state.Steps, _kills.AsOf(sample.MetricReadAt ?? sample.At));
            LogStep(stepped, launching);
            Context.System.EventStream.Publish(new DecisionMade(stepped.Input, stepped.Decision, launching, _state.Steps, _framework.Loop));
            if (stepped.Decision.ExitCode is { } exitCode)
            {
                Context.Parent.Tell(new StopRequested(exitCode, $"stop condition {_settings.StopCondition.Kind} met after {_state.Steps} steps", _framework.Loop), Self);
            }

            if (++_stepsSinceSnapshot >= _framework.SnapshotEvery)
            {
                SaveControllerSnapshot();
            }
        });
    }

    private void SaveControllerSnapshot()
    {
        _stepsSinceSnapshot = 0;
        SaveSnapshot(new ControllerSnapshot(_state.ToJson(), _state.Steps, _paused, _targetOverride));
    }

    /// <summary>Turns an MV into demand (and, in long-running mode, kills); returns how many tasks it asks to launch.</summary>
    private int Act(int mv, long step, long? killsCounted = null)
    {
        var peers = _peers;
        if (peers is null)
        {
            return 0;
        }

        if (mv > 0)
        {
            if (_framework.Warmer.Length == 0)
            {
                _logger.LogInformation("Too cold, but no warmer is configured.");
                peers.OfferHandler.Tell(new Demand(TaskKind.Warmer, 0, step, _recorded, _framework.Loop), Self);
                return 0;
            }

            peers.OfferHandler.Tell(new Demand(TaskKind.Warmer, mv, step, _recorded, _framework.Loop), Self);
            return mv;
        }

        if (mv < 0 && _framework.Mode == ControllerMode.LongRunning)
        {
            peers.OfferHandler.Tell(new Demand(TaskKind.Warmer, 0, step, _recorded, _framework.Loop), Self);
            peers.Reconciler.Tell(new KillWarmers(-mv, step, killsCounted ?? _killsRecorded, _framework.Loop), Self);
            return 0;
        }

        if (mv < 0 && _framework.Cooler.Length > 0)
        {
            peers.OfferHandler.Tell(new Demand(TaskKind.Cooler, -mv, step, _recorded, _framework.Loop), Self);
            return -mv;
        }

        if (mv < 0)
        {
            _logger.LogInformation("Too hot, but no cooler is configured.");
        }

        peers.OfferHandler.Tell(new Demand(TaskKind.Warmer, 0, step, _recorded, _framework.Loop), Self);
        return 0;
    }

    private void LogStep(ControllerStepped stepped, int launching)
    {
        var input = stepped.Input;
        var d = stepped.Decision;
        var (running, inFlight) = (input.RunningWarmers + input.RunningCoolers, input.InFlightWarmers + input.InFlightCoolers);
        if (_state.Drift == 0 && _state.TaskRate == 0)
        {
            _logger.LogInformation(
                "step {Step}: PV={Pv:0.###} SP={Sp:0.###} err={Err:0.###} MV={Mv} running={Running} in-flight={InFlight} launches={Launches} ({Reason})",
                _state.Steps, input.Metric, input.Target, d.Error, d.Mv, running, inFlight, launching, d.Reason);
            return;
        }

        // What relay has learned decides its launches at zero error: an operator reading "MV=-3 (Drift)" needs both.
        _logger.LogInformation(
            "step {Step}: PV={Pv:0.###} SP={Sp:0.###} err={Err:0.###} MV={Mv} running={Running} in-flight={InFlight} launches={Launches} ({Reason}) drift={Drift:0.##} task-rate={TaskRate:0.##}",
            _state.Steps, input.Metric, input.Target, d.Error, d.Mv, running, inFlight, launching, d.Reason, _state.Drift, _state.TaskRate);
    }
}
