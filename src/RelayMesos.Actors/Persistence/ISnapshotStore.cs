namespace RelayMesos.Actors.Persistence;

/// <summary>
/// Snapshots per persistence id. Implementations must pass the contract suite in
/// RelayMesos.TestKit (<c>SnapshotStoreContractTests</c>).
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Saves (or replaces, for the same sequence number) a snapshot.</summary>
    Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>The newest snapshot with sequence number ≤ <paramref name="maxSequenceNr"/>, or null.</summary>
    Task<StoredSnapshot?> LoadLatestAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshots with sequence number ≤ <paramref name="maxSequenceNr"/>.</summary>
    Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default);
}
