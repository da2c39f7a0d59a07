using System.Linq.Expressions;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Failover;
using RelayMesos.Framework.Settings;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// One leadership term of the framework: recovers the task table first (it holds the framework id), then starts the
/// gateway, offer handler, launcher, controller and poller. Any child's death ends the term, and the singleton's
/// backoff supervisor starts the next one. A term whose lease epoch is no longer held when it starts stays idle:
/// Mesos' "Framework failed over" can end a term before the failed lease renewal says so, and a term started then
/// would subscribe and act beside the next holder's. Everything but the term is resolved from the host's services.
/// </summary>
public sealed class FrameworkSupervisor : ReceiveActor, IWithUnboundedStash
{
    private readonly FrameworkSettings _settings;
    private readonly ControllerSettings _controller;
    private readonly LoopSources _sources;
    private readonly FailurePolicySettings _policy;
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

    public FrameworkSupervisor(
        FrameworkSettings settings, ControllerSettings controller, LoopSources sources, FailurePolicySettings policy,
        IMesosClientFactory mesos, IRunLifecycle run, ILeaseHolder lease, DatabaseIncidentLog database,
        TimeProvider clock, ILoggerFactory loggers, FrameworkTerm term)
    {
        _settings = settings;
        _controller = controller;
        _sources = sources;
        _policy = policy;
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
        var clock = _clock;
        var logger = Logger<StatusReconciler>();
        var database = _database;
        _reconciler = Context.ActorOf(Props.Create(() => new StatusReconciler(settings, clock, logger, database)), "status-reconciler");
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
        var controllerSettings = _controller;
        var clock = _clock;
        var database = _database;
        _gateway = Child(() => new MesosGateway(mesos.Create(), info, Logger<MesosGateway>()), "mesos-gateway");
        var offers = Child(() => new OfferHandler(settings, clock, Logger<OfferHandler>()), "offer-handler");
        var launcher = Child(() => new TaskLauncher(settings, clock, Logger<TaskLauncher>()), "task-launcher");
        var controller = Child(
            () => new RelayController(ControllerFactory.Create(controllerSettings), controllerSettings, settings, Logger<RelayController>(), database),
            "relay-controller");
        var sources = _sources;
        var policy = _policy;
        var poller = Child(
            () => new MetricPoller(sources.Metric, sources.Target, policy, controllerSettings.Delay, controller, clock, Logger<MetricPoller>()),
            "metric-poller");
        var peers = new FrameworkActors(_gateway, offers, launcher, _reconciler, controller, poller);
        foreach (var actor in new[] { _reconciler, offers, launcher, controller, _gateway })
        {
            actor.Tell(peers, Self);
        }

        _logger.LogInformation(
            "Framework starting: {Mode} mode, algorithm {Algorithm}, every {Delay}, {Identity}.",
            _settings.Mode, _controller.Algorithm, _controller.Delay,
            identity.FrameworkId is null ? "registering a new framework" : $"resuming framework {identity.FrameworkId}");

        Become(() =>
        {
            void StopActing()
            {
                foreach (var acting in new[] { poller, controller, offers, launcher })
                {
                    Context.Unwatch(acting);
                    Context.Stop(acting);
                }
            }

            Receive<StopRequested>(stop =>
            {
                // The run ends: nothing is decided or launched while the other members are told and the process stops.
                StopActing();
                _run.RequestStop(stop);
            });
            Receive<Terminated>(OnChildTerminated);
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
            Receive<GetControllerState>(q => controller.Forward(q));
            Receive<IOperatorMessage>(q => controller.Forward(q));
        });
        Stash.UnstashAll();
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
