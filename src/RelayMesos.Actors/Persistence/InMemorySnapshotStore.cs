namespace RelayMesos.Actors.Persistence;

/// <summary>The default snapshot store: process memory, for tests and for running without a database.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedList<long, StoredSnapshot>> _snapshots = new(StringComparer.Ordinal);

    public Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(snapshot.Metadata.PersistenceId, out var list))
            {
                list = [];
                _snapshots[snapshot.Metadata.PersistenceId] = list;
            }

            list[snapshot.Metadata.SequenceNr] = snapshot;
        }

        return Task.CompletedTask;
    }

    public Task<StoredSnapshot?> LoadLatestAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var latest = _snapshots.TryGetValue(persistenceId, out var list)
                ? list.Values.LastOrDefault(s => s.Metadata.SequenceNr <= maxSequenceNr)
                : null;
            return Task.FromResult(latest);
        }
    }

    public Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_snapshots.TryGetValue(persistenceId, out var list))
            {
                foreach (var key in list.Keys.Where(k => k <= maxSequenceNr).ToList())
                {
                    list.Remove(key);
                }
            }
        }

        return Task.CompletedTask;
    }
}
