namespace RelayMesos.Actors.Persistence;

/// <summary>An actor tried to persist (or snapshot) a type that has no manifest; thrown before anything is written.</summary>
public sealed class UnregisteredEventTypeException : Exception
{
    public UnregisteredEventTypeException(Type type)
        : base($"{type.FullName} has no manifest; register it with EventSerializerRegistry.Register<{type.Name}>(\"manifest\").")
    {
        EventType = type;
    }

    public UnregisteredEventTypeException()
    {
        EventType = typeof(object);
    }

    public UnregisteredEventTypeException(string message)
        : base(message)
    {
        EventType = typeof(object);
    }

    public UnregisteredEventTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
        EventType = typeof(object);
    }

    public Type EventType { get; }
}
