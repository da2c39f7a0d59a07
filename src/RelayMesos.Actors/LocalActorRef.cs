namespace RelayMesos.Actors;

internal sealed class LocalActorRef(ActorCell cell) : IActorRef
{
    public ActorCell Cell { get; } = cell;

    public ActorPath Path => Cell.Path;

    public void Tell(object message, IActorRef? sender) => Cell.Post(message, sender);

    public override string ToString() => $"Actor[{Path}]";
}
