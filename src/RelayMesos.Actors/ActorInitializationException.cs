namespace RelayMesos.Actors;

/// <summary>
/// The actor's constructor or PreStart threw. The default decider stops such an actor instead of
/// restarting it, because restarting a constructor that always fails would spin forever.
/// </summary>
public sealed class ActorInitializationException : Exception
{
    public ActorInitializationException()
    {
    }

    public ActorInitializationException(string message)
        : base(message)
    {
    }

    public ActorInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
