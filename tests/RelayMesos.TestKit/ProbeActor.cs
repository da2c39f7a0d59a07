using System.Collections.Concurrent;
using RelayMesos.Actors;

namespace RelayMesos.TestKit;

/// <summary>Hands everything it receives to the probe's queue; also performs Watch on the probe's behalf.</summary>
internal sealed class ProbeActor(BlockingCollection<TestProbe.Envelope> queue) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchRequest watch:
                Context.Watch(watch.Subject);
                break;
            case UnwatchRequest unwatch:
                Context.Unwatch(unwatch.Subject);
                break;
            default:
                queue.Add(new TestProbe.Envelope(message, Sender));
                break;
        }

        return true;
    }

    internal sealed record WatchRequest(IActorRef Subject);

    internal sealed record UnwatchRequest(IActorRef Subject);
}
