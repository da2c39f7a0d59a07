namespace RelayMesos.Actors;

/// <summary>An Ask got no reply in time; names the target and the message type so the log says who was silent.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(ActorPath target, Type messageType, TimeSpan timeout)
        : base($"Ask to {target} with message {messageType.FullName} timed out after {timeout}.")
    {
        Target = target;
        MessageType = messageType;
        Timeout = timeout;
    }

    public AskTimeoutException()
        : base("Ask timed out.")
    {
        Target = ActorPath.Root;
        MessageType = typeof(object);
    }

    public AskTimeoutException(string message)
        : base(message)
    {
        Target = ActorPath.Root;
        MessageType = typeof(object);
    }

    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        Target = ActorPath.Root;
        MessageType = typeof(object);
    }

    public ActorPath Target { get; }

    public Type MessageType { get; }

    public TimeSpan Timeout { get; }
}
