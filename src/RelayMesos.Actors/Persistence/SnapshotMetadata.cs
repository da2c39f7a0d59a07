namespace RelayMesos.Actors.Persistence;

public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
