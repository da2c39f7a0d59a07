using RelayMesos.Actors.Persistence;
using RelayMesos.Persistence.Sql.Dialects;
using RelayMesos.Persistence.Sql.Leasing;

namespace RelayMesos.Persistence.Sql;

/// <summary>Snapshots on SQLite or PostgreSQL, fenced by the leader lease like the journal.</summary>
public sealed class SqlSnapshotStore : ISnapshotStore
{
    private readonly SqlDialect _dialect;
    private readonly ILeaseFence? _fence;

    internal SqlSnapshotStore(SqlDialect dialect, ILeaseFence? fence)
    {
        _dialect = dialect;
        _fence = fence;
    }

    public Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return DatabaseFailure.GuardAsync(_dialect, "Snapshot save", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await LeaseFenceCheck.VerifyAsync(_dialect, _fence, connection, transaction, cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"""
                INSERT INTO {_dialect.Table("snapshots")} (persistence_id, sequence_nr, timestamp_utc_ticks, manifest, payload)
                VALUES (@pid, @seq, @ticks, @manifest, @payload)
                ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET
                    timestamp_utc_ticks = excluded.timestamp_utc_ticks, manifest = excluded.manifest, payload = excluded.payload
                """,
                transaction);
            command.With("@pid", snapshot.Metadata.PersistenceId);
            command.With("@seq", snapshot.Metadata.SequenceNr);
            command.With("@ticks", snapshot.Metadata.Timestamp.UtcTicks);
            command.With("@manifest", snapshot.Manifest);
            command.With("@payload", snapshot.Payload);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        });
    }

    public Task<StoredSnapshot?> LoadLatestAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default) =>
        DatabaseFailure.GuardAsync<StoredSnapshot?>(_dialect, "Snapshot load", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"""
                SELECT sequence_nr, timestamp_utc_ticks, manifest, payload FROM {_dialect.Table("snapshots")}
                WHERE persistence_id = @pid AND sequence_nr <= @max
                ORDER BY sequence_nr DESC LIMIT 1
                """);
            command.With("@pid", persistenceId);
            command.With("@max", maxSequenceNr);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
            return new StoredSnapshot(metadata, reader.GetString(2), (byte[])reader.GetValue(3));
        });

    public Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default) =>
        DatabaseFailure.GuardAsync(_dialect, "Snapshot delete", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await LeaseFenceCheck.VerifyAsync(_dialect, _fence, connection, transaction, cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"DELETE FROM {_dialect.Table("snapshots")} WHERE persistence_id = @pid AND sequence_nr <= @max", transaction);
            command.With("@pid", persistenceId);
            command.With("@max", maxSequenceNr);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        });
}
