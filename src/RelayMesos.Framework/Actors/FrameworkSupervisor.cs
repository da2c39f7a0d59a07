using System.Linq.Expressions;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Controllers;
using RelayMesos.Failover;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// One leadership term of the framework: recovers the task table first (it holds the framework id), then starts the
/// gateway, offer handler, launcher and each loop's controller and poller. Any child's death ends the term, and the singleton's
/// backoff supervisor starts the next one. A term whose lease epoch is no longer held when it starts stays idle:
/// Mesos' "Framework failed over" can end a term before the failed lease renewal says so, and a term started then
/// would subscribe and act beside the next holder's. Everything but the term is resolved from the host's services.
/// </summary>
public sealed class FrameworkSupervisor : ReceiveActor, IWithUnboundedStash
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
    private readonly ILogger _logger;
    private IActorRef _reconciler = ActorRefs.Nobody;
    private IActorRef _gateway = ActorRefs.Nobody;
    private IActorRef _offers = ActorRefs.Nobody;

    // The loops that have not ended (stop condition, max-failures), by name.
    private readonly Dictionary<string, LoopActors> _live = new(StringComparer.Ordinal);

    public FrameworkSupervisor(
        FrameworkLoops loops, IMesosClientFactory mesos, IRunLifecycle run, ILeaseHolder lease, DatabaseIncidentLog database,
        TimeProvider clock, ILoggerFactory loggers, FrameworkTerm term)
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
        _logger = loggers.CreateLogger("RelayMesos.Framework");

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

        var settings = _settings;
        var loops = _loops.Settings;
        var clock = _clock;
        var logger = Logger<StatusReconciler>();
        var database = _database;
        _reconciler = Context.ActorOf(Props.Create(() => new StatusReconciler(settings, clock, logger, database, loops)), "status-reconciler");
        Context.Watch(_reconciler);
        _reconciler.Tell(GetFrameworkId.Instance, Self);
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

    private void Start(FrameworkIdentity identity)
    {
        var info = FrameworkInfoFor(identity.FrameworkId);
        var mesos = _mesos;
        var settings = _settings;
        var loopSettings = _loops.Settings;
        var clock = _clock;
        var lease = _lease;
        _gateway = Child(() => new MesosGateway(mesos.Create(), info, lease, Logger<MesosGateway>()), "mesos-gateway");
        var offers = _offers = Child(() => new OfferHandler(settings, clock, Logger<OfferHandler>(), loopSettings), "offer-handler");
        var launcher = Child(() => new TaskLauncher(settings, clock, Logger<TaskLauncher>(), loopSettings), "task-launcher");
        foreach (var loop in _loops.All)
        {
            _live[loop.Name] = StartLoop(loop);
        }

        var peers = new FrameworkActors(_gateway, offers, launcher, _reconciler, new Dictionary<string, LoopActors>(_live, StringComparer.Ordinal));
        foreach (var actor in new[] { _reconciler, offers, launcher }.Concat(_live.Values.Select(l => l.Controller)).Append(_gateway))
        {
            actor.Tell(peers, Self);
        }

        LogStart(identity);
        Become(() =>
        {
            void StopActing()
            {
                foreach (var acting in _live.Values.SelectMany(l => new[] { l.MetricPoller!, l.Controller }).Concat([offers, launcher]))
                {
                    Context.Unwatch(acting);
                    Context.Stop(acting);
                }
            }

            Receive<StopRequested>(stop =>
            {
                if (stop.Loop is { } loop && _loops.Count > 1)
                {
                    if (!_live.ContainsKey(loop))
                    {
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
            Receive<ForLoop>(q =>
            {
                if (_live.TryGetValue(q.Loop, out var loop))
                {
                    loop.Controller.Forward(q.Message);
                }
                else
                {
                    Sender.Tell(new Status.Failure(new KeyNotFoundException(
                        _loops.Find(q.Loop) is null ? $"no loop is named '{q.Loop}'" : $"loop '{q.Loop}' has ended in this run")), Self);
                }
            });
            Receive<IOperatorMessage>(q => OperatedLoop()?.Forward(q));
        });
        Stash.UnstashAll();
    }

    private LoopActors StartLoop(LoopDefinition loop)
    {
        // One loop keeps the actor names it had before loops existed (logs and tools name them).
        var suffix = _loops.Count == 1 ? "" : "-" + loop.Name;
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
        var actors = _live[loop];
        _live.Remove(loop);
        foreach (var acting in new[] { actors.MetricPoller!, actors.Controller })
        {
            Context.Unwatch(acting);
            Context.Stop(acting);
        }

        _offers.Tell(new Demand(TaskKind.Warmer, 0, 0, LaunchTally.None, loop), Self);
        _logger.LogWarning("Loop {Loop} ended: {Reason}. {Count} loop(s) go on.", loop, reason, _live.Count);
        Context.System.EventStream.Publish(new LoopEnded(loop, reason));
    }

    /// <summary>
    /// The loop operator actions and the web UI's controller state are for: the first loop of the configuration (the
    /// only one, until loops are addressed by name).
    /// </summary>
    private IActorRef? OperatedLoop() => _live.GetValueOrDefault(_loops.Framework.Loop)?.Controller;

    private void LogStart(FrameworkIdentity identity)
    {
        var resuming = identity.FrameworkId is null ? "registering a new framework" : $"resuming framework {identity.FrameworkId}";
        if (_loops.Count == 1)
        {
            var controller = _loops.All[0].Controller;
            _logger.LogInformation(
                "Framework starting: {Mode} mode, algorithm {Algorithm}, every {Delay}, {Identity}.",
                _settings.Mode, controller.Algorithm, controller.Delay, resuming);
            return;
        }

        _logger.LogInformation(
            "Framework starting: {Count} loops ({Loops}), {Identity}.",
            _loops.Count, string.Join(", ", _loops.All.Select(l => $"{l.Name}: {l.Settings.Mode}, {l.Controller.Algorithm} every {l.Controller.Delay}")), resuming);
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
