using System.Linq.Expressions;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Controllers;
using RelayMesos.Failover;
using RelayMesos.Framework.Registry;
using RelayMesos.Framework.Settings;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// One leadership term of the framework: reads the runtime loop changes first (the loop registry) and combines them with
/// the configuration's loops, recovers the task table (it holds the framework id), then starts the gateway, offer
/// handler, launcher and each loop's controller and poller. Loops applied or removed while the term runs are journaled
/// by the registry first, then started, restarted or stopped one by one, the others untouched. Any other child's death
/// ends the term, and the singleton's backoff supervisor starts the next one. A term whose lease epoch is no longer held
/// when it starts stays idle: Mesos' "Framework failed over" can end a term before the failed lease renewal says so, and
/// a term started then would subscribe and act beside the next holder's. Everything but the term is resolved from the
/// host's services.
/// </summary>
public sealed partial class FrameworkSupervisor : ReceiveActor, IWithUnboundedStash
{
    private readonly FrameworkLoops _loops;
    private readonly FrameworkSettings _settings;
    private readonly IMesosClientFactory _mesos;
    private readonly IRunLifecycle _run;
    private readonly ILeaseHolder _lease;
    private readonly DatabaseIncidentLog _database;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggers;
    private readonly FrameworkTerm _term;
    private readonly ILoopBinder? _binder;
    private readonly ILogger _logger;
    private IActorRef _reconciler = ActorRefs.Nobody;
    private IActorRef _registry = ActorRefs.Nobody;
    private IActorRef _gateway = ActorRefs.Nobody;
    private IActorRef _offers = ActorRefs.Nobody;
    private IActorRef _launcher = ActorRefs.Nobody;

    // The loops that have not ended (stop condition, max-failures), by name.
    private readonly Dictionary<string, LoopActors> _live = new(StringComparer.Ordinal);

    /// <param name="binder">Reads applied loop definitions; null where the host offers none (runtime changes are then refused).</param>
    public FrameworkSupervisor(
        FrameworkLoops loops, IMesosClientFactory mesos, IRunLifecycle run, ILeaseHolder lease, DatabaseIncidentLog database,
        TimeProvider clock, ILoggerFactory loggers, FrameworkTerm term, ILoopBinder? binder = null)
    {
        _loops = loops;
        _settings = loops.Framework;
        _mesos = mesos;
        _run = run;
        _lease = lease;
        _database = database;
        _clock = clock;
        _loggers = loggers;
        _term = term;
        _binder = binder;
        _logger = loggers.CreateLogger("RelayMesos.Framework");

        Receive<LoopRegistryState>(CombineLoops);
        Receive<FrameworkIdentity>(Start);
        Receive<StopRequested>(_run.RequestStop);
        Receive<Terminated>(OnChildTerminated);
        ReceiveAny(_ => Stash.Stash());
    }

    public IStash Stash { get; set; } = null!;

    protected override void PreStart()
    {
        if (_term.LeaseEpoch is not null && _lease.HeldEpoch != _term.LeaseEpoch)
        {
            _logger.LogInformation("Lease epoch {Epoch} is no longer held here; the framework is not started again.", _term.LeaseEpoch);
            Become(Idle);
            return;
        }

        // The runtime changes decide which loops run, and the task table's max-failures must know them as it recovers.
        var settings = _settings;
        var logger = Logger<LoopRegistry>();
        var database = _database;
        _registry = Child(() => new LoopRegistry(settings, logger, database), "loop-registry");
        _registry.Tell(GetRuntimeEntries.Instance, Self);
    }

    /// <summary>Stop children in reverse order of start, so no one sends to a peer that is already gone.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>A term that may not act answers operator messages as a restarting framework does, and does nothing else.</summary>
    private void Idle()
    {
        Receive<TeardownFramework>(_ => Sender.Tell(MesosGateway.Done.Instance, Self));
        Receive<StopDeciding>(_ => Sender.Tell(MesosGateway.Done.Instance, Self));
        ReceiveAny(_ => Sender.Tell(new Status.Failure(new InvalidOperationException("The framework is restarting; try again.")), Self));
    }

    /// <summary>The registry has recovered: which loops run is decided, then the task table recovers knowing them.</summary>
    private void CombineLoops(LoopRegistryState entries)
    {
        DefineLoops(entries);
        var settings = _settings;
        var loops = LoopSettings();
        var clock = _clock;
        var logger = Logger<StatusReconciler>();
        var database = _database;
        _reconciler = Child(() => new StatusReconciler(settings, clock, logger, database, loops), "status-reconciler");
        _reconciler.Tell(GetFrameworkId.Instance, Self);
    }

    private void Start(FrameworkIdentity identity)
    {
        var info = FrameworkInfoFor(identity.FrameworkId);
        var mesos = _mesos;
        var settings = _settings;
        var loopSettings = LoopSettings();
        var clock = _clock;
        var lease = _lease;
        _gateway = Child(() => new MesosGateway(mesos.Create(), info, lease, Logger<MesosGateway>()), "mesos-gateway");
        var offers = _offers = Child(() => new OfferHandler(settings, clock, Logger<OfferHandler>(), loopSettings), "offer-handler");
        var launcher = _launcher = Child(() => new TaskLauncher(settings, clock, Logger<TaskLauncher>(), loopSettings), "task-launcher");
        foreach (var (name, loop) in _defined)
        {
            if (loop.Definition is { } definition)
            {
                _live[name] = StartLoop(definition);
            }
        }

        var peers = Peers();
        foreach (var actor in new[] { _reconciler, offers, launcher }.Concat(_live.Values.Select(l => l.Controller)).Append(_gateway))
        {
            actor.Tell(peers, Self);
        }

        LogStart(identity);
        PublishLoopSet();
        Become(() =>
        {
            Receive<StopRequested>(stop =>
            {
                if (stop.Loop is { } loop)
                {
                    if (!_live.ContainsKey(loop))
                    {
                        // A loop that ended, was removed or is restarting: what its old actors asked is moot.
                        return;
                    }

                    if (_live.Count > 1)
                    {
                        EndLoop(loop, stop.Reason);
                        return;
                    }
                }

                // The run ends: nothing is decided or launched while the other members are told and the process stops.
                StopActing();
                _run.RequestStop(stop);
            });
            Receive<Terminated>(OnChildTerminated);
            Receive<FrameworkHandedOver>(_ =>
            {
                _logger.LogDebug("This framework term ends: Mesos handed the framework to another scheduler.");
                Context.Stop(Self);
            });
            Receive<TeardownFramework>(t => _gateway.Forward(t));
            Receive<StopDeciding>(m =>
            {
                // This process stops: whatever happens until the singleton hands over (a second or more while the
                // member leaves the cluster) decides and launches nothing.
                StopActing();
                _logger.LogInformation("Stopping: this term decides and launches nothing more.");
                _reconciler.Forward(m);
            });
            Receive<EmbeddedClusterStopping>(m =>
            {
                // The tasks are about to be recorded as ended: nothing may decide or launch new ones after that,
                // although the term itself lives on until the cluster singleton hands over (hundreds of milliseconds).
                StopActing();
                _reconciler.Forward(m);
            });
            Receive<GetControllerState>(q => OperatedLoop()?.Forward(q));
            ReceiveLoopChanges();
            Receive<ForLoop>(q => ForwardToLoop(q.Loop, q.Message));
            Receive<IOperatorMessage>(q => ForwardToLoop(_loops.Framework.Loop, q));
        });
        Stash.UnstashAll();
    }

    /// <summary>Nothing more is decided or launched in this term: the run ends, or this process stops.</summary>
    private void StopActing()
    {
        _acting = false;
        foreach (var acting in _live.Values.SelectMany(l => new[] { l.MetricPoller!, l.Controller }).Concat([_offers, _launcher]))
        {
            Context.Unwatch(acting);
            Context.Stop(acting);
        }
    }

    private LoopActors StartLoop(LoopDefinition loop)
    {
        // One loop keeps the actor names it had before loops existed (logs and tools name them).
        var suffix = _loops.Count == 1 && loop.Name == _loops.Framework.Loop ? "" : "-" + loop.Name;
        var clock = _clock;
        var database = _database;
        var controller = Child(
            () => new RelayController(ControllerFactory.Create(loop.Controller), loop.Controller, loop.Settings, Logger<RelayController>(), database),
            "relay-controller" + suffix);
        var poller = Child(
            () => new MetricPoller(loop.Sources.Metric, loop.Sources.Target, loop.Policy, loop.Controller.Delay, controller, clock, Logger<MetricPoller>(), loop.Name),
            "metric-poller" + suffix);
        return new LoopActors(controller, poller);
    }

    /// <summary>
    /// One loop of several ended (its stop condition, or max-failures): it decides and launches nothing more, and its
    /// unlaunched demand is withdrawn; its running tasks are left to finish, and the other loops go on.
    /// </summary>
    private void EndLoop(string loop, string reason)
    {
        StopLoops([loop]);
        _ended[loop] = reason;
        PublishLoopSet();
        _logger.LogWarning("Loop {Loop} ended: {Reason}. {Count} loop(s) go on.", loop, reason, _live.Count);
        Context.System.EventStream.Publish(new LoopEnded(loop, reason));
    }

    /// <summary>
    /// The loop bare operator actions and the web UI's controller state are for: the first loop of the configuration
    /// (the only one, in a configuration without loops).
    /// </summary>
    private IActorRef? OperatedLoop() => _live.GetValueOrDefault(_loops.Framework.Loop)?.Controller;

    private void LogStart(FrameworkIdentity identity)
    {
        var resuming = identity.FrameworkId is null ? "registering a new framework" : $"resuming framework {identity.FrameworkId}";
        var running = _defined.Values.Select(l => l.Definition).OfType<LoopDefinition>().ToList();
        if (running.Count == 1 && _loops.Count == 1 && running[0].Name == _loops.Framework.Loop)
        {
            var controller = running[0].Controller;
            _logger.LogInformation(
                "Framework starting: {Mode} mode, algorithm {Algorithm}, every {Delay}, {Identity}.",
                _settings.Mode, controller.Algorithm, controller.Delay, resuming);
            return;
        }

        _logger.LogInformation(
            "Framework starting: {Count} loops ({Loops}), {Identity}.",
            running.Count, string.Join(", ", running.Select(l => $"{l.Name}: {l.Settings.Mode}, {l.Controller.Algorithm} every {l.Controller.Delay}")), resuming);
    }

    private IActorRef Child<T>(Expression<Func<T>> factory, string name)
        where T : ActorBase
    {
        var child = Context.ActorOf(Props.Create(factory), name);
        Context.Watch(child);
        return child;
    }

    private void OnChildTerminated(Terminated terminated)
    {
        if (_stopping.Remove(terminated.ActorRef, out var loop))
        {
            // A loop's poller or controller that was stopped on purpose (applied again, removed, ended).
            StartWhenStopped(loop);
            return;
        }

        // A database incident stops the journaling actors by design; its own warning has said why.
        _logger.Log(
            _database.IsOpen ? LogLevel.Information : LogLevel.Error,
            "{Actor} stopped; this framework term ends.", terminated.ActorRef.Path);
        Context.Stop(Self);
    }

    private FrameworkInfo FrameworkInfoFor(string? frameworkId)
    {
        var s = _settings;
        var info = new FrameworkInfo
        {
            User = s.User.Length > 0 ? s.User : System.Environment.UserName,
            Name = s.FrameworkName,
            FailoverTimeout = s.FailoverTimeout.TotalSeconds,
            Checkpoint = s.Checkpoint,
            Hostname = System.Environment.MachineName,
            // PARTITION_AWARE (as Marathon registers): a partitioned agent's tasks become TASK_UNREACHABLE and may
            // come back, instead of a TASK_LOST that is final in name only; TaskStates says how each state counts.
            Capabilities = { new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.PartitionAware } },
        };
        if (frameworkId is not null)
        {
            info.Id = new FrameworkID { Value = frameworkId };
        }

        // Pre-MULTI_ROLE registration: one role in the deprecated field, which every master version accepts.
#pragma warning disable CS0612
        info.Role = s.Role;
#pragma warning restore CS0612
        if (s.Principal.Length > 0)
        {
            info.Principal = s.Principal;
        }

        return info;
    }

    private ILogger Logger<T>() => _loggers.CreateLogger(typeof(T).FullName!);
}
