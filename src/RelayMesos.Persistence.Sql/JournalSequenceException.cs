namespace RelayMesos.Persistence.Sql;

/// <summary>
/// A batch did not continue its persistence id's sequence: a duplicate (typically a concurrent writer
/// that won the race) or a gap. Nothing of the batch was written.
/// </summary>
public sealed class JournalSequenceException : InvalidOperationException
{
    public JournalSequenceException(string persistenceId, long expectedSequenceNr, long actualSequenceNr, string reason)
        : base($"Journal write for '{persistenceId}' refused: expected sequence nr {expectedSequenceNr}, got {actualSequenceNr} ({reason}).")
    {
        PersistenceId = persistenceId;
        ExpectedSequenceNr = expectedSequenceNr;
        ActualSequenceNr = actualSequenceNr;
    }

    public string PersistenceId { get; }

    public long ExpectedSequenceNr { get; }

    public long ActualSequenceNr { get; }
}
