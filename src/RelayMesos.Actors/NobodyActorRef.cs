namespace RelayMesos.Actors;

internal sealed class NobodyActorRef : IActorRef
{
    public ActorPath Path { get; } = ActorPath.Root / "Nobody";

    public void Tell(object message, IActorRef? sender)
    {
        // Deliberately nothing: Nobody belongs to no system, so there is no dead-letter office to count it in.
    }

    public override string ToString() => "Nobody";
}
