namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// One event of the shared journal as the test reads it back: which persistent actor incarnation wrote it
/// (Akka's writer uuid), when, and what it says.
/// </summary>
internal sealed record JournalRow(string PersistenceId, long SequenceNr, string WriterUuid, DateTimeOffset At, object Event);
