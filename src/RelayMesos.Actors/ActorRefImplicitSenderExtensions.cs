namespace RelayMesos.Actors;

/// <summary>
/// <c>target.Tell(msg)</c> with the current actor as sender (no sender outside actors), and
/// <c>target.Forward(msg)</c> keeping the original sender, as in Akka.NET.
/// </summary>
public static class ActorRefImplicitSenderExtensions
{
    public static void Tell(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.Current?.Self);
    }

    /// <summary>Passes the message on as if the current message's sender had sent it; only valid inside an actor.</summary>
    public static void Forward(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        var current = ActorCell.Current ?? throw new InvalidOperationException("Forward can only be used inside an actor.");
        target.Tell(message, current.CurrentEnvelope.Sender);
    }
}
