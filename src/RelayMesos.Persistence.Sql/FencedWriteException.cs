namespace RelayMesos.Persistence.Sql;

/// <summary>
/// A write was refused because its writer no longer holds the leader lease (or never did): another
/// instance has taken over, and this one must stop.
/// </summary>
public sealed class FencedWriteException : Exception
{
    public FencedWriteException(string message, long? writerEpoch, long? currentEpoch)
        : base(message)
    {
        WriterEpoch = writerEpoch;
        CurrentEpoch = currentEpoch;
    }

    /// <summary>The epoch the writer believed it held; null when it held none.</summary>
    public long? WriterEpoch { get; }

    /// <summary>The lease's epoch on the database; null when the lease row does not exist.</summary>
    public long? CurrentEpoch { get; }
}
