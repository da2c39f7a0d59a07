using RelayMesos.Actors;

namespace RelayMesos.TestKit;

/// <summary>Watches actors on a probe's behalf and passes their <see cref="Terminated"/> to it.</summary>
internal sealed class ProbeWatcherActor(IActorRef probe) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchRequest watch:
                Context.Watch(watch.Subject);
                return true;
            case UnwatchRequest unwatch:
                Context.Unwatch(unwatch.Subject);
                return true;
            case Terminated terminated:
                probe.Tell(terminated, terminated.ActorRef);
                return true;
            default:
                return false;
        }
    }

    internal sealed record WatchRequest(IActorRef Subject);

    internal sealed record UnwatchRequest(IActorRef Subject);
}
