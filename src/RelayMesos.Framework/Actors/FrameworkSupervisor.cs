using System.Linq.Expressions;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Controllers;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// One leadership term of the framework: recovers the task table first (it holds the framework id), then
/// starts the gateway, offer handler, launcher, controller and poller. Any child's death ends the term; the
/// owner (<see cref="FrameworkSingleton"/>, which starts the next term after a backoff) decides what comes next.
/// </summary>
public sealed class FrameworkSupervisor : ReceiveActor, IWithUnboundedStash
{
    private readonly FrameworkDependencies _deps;
    private readonly ILogger _logger;
    private IActorRef _reconciler = ActorRefs.Nobody;
    private IActorRef _gateway = ActorRefs.Nobody;

    public FrameworkSupervisor(FrameworkDependencies deps)
    {
        _deps = deps;
        _logger = deps.Loggers.CreateLogger("RelayMesos.Framework");

        Receive<FrameworkIdentity>(Start);
        Receive<StopRequested>(deps.OnStopRequested);
        Receive<Terminated>(OnChildTerminated);
        ReceiveAny(_ => Stash.Stash());
    }

    public IStash Stash { get; set; } = null!;

    protected override void PreStart()
    {
        var settings = _deps.Settings;
        _reconciler = Context.ActorOf(
            Props.Create(() => new StatusReconciler(settings, _deps.TaskCounter, _deps.Clock, Logger<StatusReconciler>(), _deps.Database)),
            "status-reconciler");
        Context.Watch(_reconciler);
        _reconciler.Tell(GetFrameworkId.Instance, Self);
    }

    /// <summary>Stop children in reverse order of start, so no one sends to a peer that is already gone.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void Start(FrameworkIdentity identity)
    {
        var d = _deps;
        var info = FrameworkInfoFor(identity.FrameworkId);
        _gateway = Child(() => new MesosGateway(d.CreateClient(), info, Logger<MesosGateway>()), "mesos-gateway");
        var offers = Child(() => new OfferHandler(d.Settings, d.Clock, Logger<OfferHandler>()), "offer-handler");
        var launcher = Child(() => new TaskLauncher(d.Settings, d.Clock, Logger<TaskLauncher>()), "task-launcher");
        var controller = Child(() => new RelayController(ControllerFactory.Create(d.Controller), d.Controller, d.Settings, Logger<RelayController>(), d.Database), "relay-controller");
        var peers = new FrameworkActors(_gateway, offers, launcher, _reconciler, controller);
        foreach (var actor in new[] { _reconciler, offers, launcher, controller, _gateway })
        {
            actor.Tell(peers, Self);
        }

        var poller = Child(() => new MetricPoller(d.Metric, d.Target, d.FailurePolicy, d.Controller.Delay, controller, d.Clock, Logger<MetricPoller>()), "metric-poller");
        _logger.LogInformation(
            "Framework starting: {Mode} mode, algorithm {Algorithm}, every {Delay}, {Identity}.",
            d.Settings.Mode, d.Controller.Algorithm, d.Controller.Delay,
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
                _deps.OnStopRequested(stop);
            });
            Receive<Terminated>(OnChildTerminated);
            Receive<TeardownFramework>(t => _gateway.Forward(t));
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
            _deps.Database is { IsOpen: true } ? LogLevel.Information : LogLevel.Error,
            "{Actor} stopped; this framework term ends.", terminated.ActorRef.Path);
        Context.Stop(Self);
    }

    private FrameworkInfo FrameworkInfoFor(string? frameworkId)
    {
        var s = _deps.Settings;
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

        if (_deps.WebUiUrl is { Length: > 0 } url)
        {
            info.WebuiUrl = url;
        }

        return info;
    }

    private ILogger Logger<T>() => _deps.Loggers.CreateLogger(typeof(T).FullName!);
}
