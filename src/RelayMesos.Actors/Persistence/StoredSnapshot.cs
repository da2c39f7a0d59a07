namespace RelayMesos.Actors.Persistence;

/// <summary>A snapshot as the stores see it: serialized, with its manifest.</summary>
public sealed record StoredSnapshot(SnapshotMetadata Metadata, string Manifest, byte[] Payload);
