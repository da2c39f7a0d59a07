using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Prometheus;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Web;

/// <summary>
/// The actor that feeds <see cref="RelayObserver"/> (and the journal-write histogram). On the instance that runs the framework
/// singleton it reads the local event stream and also publishes each event to the cluster (DistributedPubSub); on every
/// other instance it records what the singleton's instance published, so the web UI and API of any instance are live.
/// </summary>
public sealed class ObserverBridge : ReceiveActor
{
    /// <summary>The DistributedPubSub topic the singleton's instance publishes its observed events on.</summary>
    public const string Topic = "relay-mesos-observed";

    /// <summary>The event types the singleton's instance forwards (and the only ones <see cref="ObservedOnLeaderSerializer"/> reads back).</summary>
    internal static readonly Type[] Channels =
    [
        typeof(LeadershipStatus), typeof(FrameworkSubscribed), typeof(FrameworkDisconnected), typeof(OperatorState),
        typeof(DecisionMade), typeof(DemandProgress), typeof(TaskTableChanged), typeof(SampleFailed), typeof(OffersHandled),
        typeof(JournalWriteTimed), typeof(LoopEnded), typeof(LoopSet),
    ];

    private readonly IActorRef _mediator = DistributedPubSub.Get(Context.System).Mediator;
    private readonly IActorRef? _framework;
    private bool _leading;

    // The singleton instance's bridge whose earlier view this standby has asked for (see ReplayObserved).
    private IActorRef? _replayedBy;

    /// <param name="framework">
    /// The framework singleton (its proxy): asked once for the loops the run has, since the leader publishes them only
    /// when they change and this instance may have joined after.
    /// </param>
    public ObserverBridge(RelayObserver observer, Histogram journalWrites, IActorRef? framework = null)
    {
        _framework = framework;
        Receive<JournalWriteTimed>(e => journalWrites.Observe(e.Duration.TotalSeconds));
        Receive<LeadershipStatus>(s =>
        {
            _leading = s.IsLeader;
            _replayedBy = null;
            observer.Record(s);
        });
        Receive<SubscribeAck>(_ => { });
        // The framework was not running when asked for its loops; the next term publishes them as it starts.
        Receive<Status.Failure>(_ => { });
        Receive<ObservedOnLeader>(e =>
        {
            // The singleton's own instance recorded it from its event stream already; a standby records the leader's view.
            if (_leading || !Sender.Path.Address.HasGlobalScope)
            {
                return;
            }

            if (!Sender.Equals(_replayedBy))
            {
                // The first word from this leader's instance: what it saw before this member listened (a loop paused or
                // ended, the task table, the subscription) was published once, then; ask it straight from the source.
                _replayedBy = Sender;
                Sender.Tell(ReplayObserved.Instance, Self);
            }

            observer.Record(e.Event);
        });
        Receive<ReplayObserved>(_ =>
        {
            if (_leading)
            {
                foreach (var e in observer.Replay())
                {
                    Sender.Tell(new ObservedOnLeader(e), Self);
                }
            }
        });
        ReceiveAny(e =>
        {
            observer.Record(e);
            if (_leading)
            {
                _mediator.Tell(new Publish(Topic, new ObservedOnLeader(e)), Self);
            }
        });
    }

    protected override void PreStart()
    {
        foreach (var channel in Channels)
        {
            Context.System.EventStream.Subscribe(Self, channel);
        }

        _mediator.Tell(new Subscribe(Topic, Self), Self);
        _framework?.Tell(GetLoopSet.Instance, Self);
    }
}
