namespace RelayMesos.Actors;

/// <summary>
/// What an actor may do while it processes a message: its own ref, the sender, children, death watch and
/// behaviour switching. Only valid on the actor's own turn (including after an await inside a ReceiveAsync handler).
/// </summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the current message; the dead-letter ref when there was none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    /// <summary>Creates and starts a child; <paramref name="name"/> must be unique among living siblings (auto-generated when null).</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The living child with that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>The living children, in creation order.</summary>
    IEnumerable<IActorRef> GetChildren();

    /// <summary>Stops the actor after the message it is processing; its remaining mailbox goes to dead letters.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> once <paramref name="subject"/> has stopped (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>No <see cref="Terminated"/> for <paramref name="subject"/> is delivered after this returns.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();
}
