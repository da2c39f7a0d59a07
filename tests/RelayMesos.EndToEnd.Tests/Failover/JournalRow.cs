namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>One event of the shared journal as the test reads it back: who wrote it (the lease epoch) and what it says.</summary>
internal sealed record JournalRow(string PersistenceId, long SequenceNr, long? WriterEpoch, object Event);
