namespace RelayMesos.Actors;

/// <summary>
/// An ordinary message that stops the actor when it reaches the front of the mailbox, so everything
/// sent before it is still processed (unlike <see cref="IActorContext.Stop"/>, which jumps the queue).
/// </summary>
public sealed class PoisonPill
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();
}
