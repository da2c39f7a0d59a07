namespace RelayMesos.Actors;

/// <summary>
/// The only way to talk to an actor: an address you can send messages to. Refs compare by identity,
/// so a ref to a stopped actor never aliases a new actor created under the same path.
/// </summary>
public interface IActorRef
{
    /// <summary>The actor's place in the hierarchy.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> and returns at once. <paramref name="sender"/> is what the
    /// receiver sees as <c>Sender</c>; pass <see cref="ActorRefs.NoSender"/> when there is no one to reply to.
    /// </summary>
    void Tell(object message, IActorRef? sender);
}
