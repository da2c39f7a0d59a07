namespace RelayMesos.Actors.Persistence;

/// <summary>One journaled event as the stores see it: already serialized, with the manifest that names its type.</summary>
public sealed record PersistentRepresentation(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    byte[] Payload,
    DateTimeOffset Timestamp);
