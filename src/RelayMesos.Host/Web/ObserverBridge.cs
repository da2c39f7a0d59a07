using Akka.Actor;
using Prometheus;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Web;

/// <summary>The actor that subscribes <see cref="RelayObserver"/> (and the journal-write histogram) to the event stream.</summary>
public sealed class ObserverBridge : ReceiveActor
{
    private static readonly Type[] Channels =
    [
        typeof(LeadershipStatus), typeof(FrameworkSubscribed), typeof(FrameworkDisconnected), typeof(OperatorState),
        typeof(DecisionMade), typeof(DemandProgress), typeof(TaskTableChanged), typeof(SampleFailed), typeof(OffersHandled),
        typeof(JournalWriteTimed),
    ];

    public ObserverBridge(RelayObserver observer, Histogram journalWrites)
    {
        Receive<JournalWriteTimed>(e => journalWrites.Observe(e.Duration.TotalSeconds));
        ReceiveAny(observer.Record);
    }

    protected override void PreStart()
    {
        foreach (var channel in Channels)
        {
            Context.System.EventStream.Subscribe(Self, channel);
        }
    }
}
