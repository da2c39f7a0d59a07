using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using RelayMesos.Actors.Persistence;
using RelayMesos.Persistence.Sql.Dialects;
using RelayMesos.Persistence.Sql.Leasing;

namespace RelayMesos.Persistence.Sql;

/// <summary>
/// The event journal on SQLite or PostgreSQL. Each batch is one transaction that checks the lease
/// (when fenced), checks that the batch continues the highest stored sequence number, and inserts.
/// </summary>
public sealed class SqlJournal : IJournal
{
    private readonly SqlDialect _dialect;
    private readonly ILeaseFence? _fence;

    internal SqlJournal(SqlDialect dialect, ILeaseFence? fence)
    {
        _dialect = dialect;
        _fence = fence;
    }

    public async Task WriteAsync(IReadOnlyList<PersistentRepresentation> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var batches = SplitIntoRuns(events);
        await DatabaseFailure.GuardAsync(_dialect, "Journal write", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var epoch = await LeaseFenceCheck.VerifyAsync(_dialect, _fence, connection, transaction, cancellationToken).ConfigureAwait(false);
            foreach (var run in batches)
            {
                var first = run[0];
                var highest = await ReadHighestAsync(connection, transaction, first.PersistenceId, cancellationToken).ConfigureAwait(false);
                if (first.SequenceNr != highest + 1)
                {
                    throw new JournalSequenceException(
                        first.PersistenceId, highest + 1, first.SequenceNr, first.SequenceNr <= highest ? "already written" : "gap");
                }

                await InsertAsync(connection, transaction, run, epoch, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PersistentRepresentation> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            yield break;
        }

        // Read eagerly so that no connection stays open while the caller processes events.
        var events = await DatabaseFailure.GuardAsync(_dialect, "Journal replay", async () =>
        {
            var list = new List<PersistentRepresentation>();
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"""
                SELECT sequence_nr, manifest, payload, timestamp_utc_ticks FROM {_dialect.Table("journal")}
                WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to
                ORDER BY sequence_nr LIMIT @max
                """);
            command.With("@pid", persistenceId);
            command.With("@from", fromSequenceNr);
            command.With("@to", toSequenceNr);
            command.With("@max", max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new PersistentRepresentation(
                    persistenceId,
                    reader.GetInt64(0),
                    reader.GetString(1),
                    (byte[])reader.GetValue(2),
                    new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)));
            }

            return list;
        }).ConfigureAwait(false);

        foreach (var item in events)
        {
            yield return item;
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        DatabaseFailure.GuardAsync(_dialect, "Journal read of the highest sequence nr", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await ReadHighestAsync(connection, null, persistenceId, cancellationToken).ConfigureAwait(false);
        });

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        DatabaseFailure.GuardAsync(_dialect, "Journal delete", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await LeaseFenceCheck.VerifyAsync(_dialect, _fence, connection, transaction, cancellationToken).ConfigureAwait(false);
            var highest = await ReadHighestAsync(connection, transaction, persistenceId, cancellationToken).ConfigureAwait(false);
            if (highest > 0)
            {
                await using var keep = connection.Command(
                    $"""
                    INSERT INTO {_dialect.Table("journal_metadata")} (persistence_id, highest_sequence_nr) VALUES (@pid, @highest)
                    ON CONFLICT (persistence_id) DO UPDATE SET highest_sequence_nr = excluded.highest_sequence_nr
                    """,
                    transaction);
                keep.With("@pid", persistenceId);
                keep.With("@highest", highest);
                await keep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var delete = connection.Command(
                $"DELETE FROM {_dialect.Table("journal")} WHERE persistence_id = @pid AND sequence_nr <= @to", transaction);
            delete.With("@pid", persistenceId);
            delete.With("@to", toSequenceNr);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        });

    /// <summary>Groups the batch per persistence id and checks that each group counts up by one.</summary>
    private static List<List<PersistentRepresentation>> SplitIntoRuns(IReadOnlyList<PersistentRepresentation> events)
    {
        var runs = new List<List<PersistentRepresentation>>();
        foreach (var group in events.GroupBy(e => e.PersistenceId, StringComparer.Ordinal))
        {
            var run = group.ToList();
            for (var i = 1; i < run.Count; i++)
            {
                if (run[i].SequenceNr != run[i - 1].SequenceNr + 1)
                {
                    throw new JournalSequenceException(
                        group.Key, run[i - 1].SequenceNr + 1, run[i].SequenceNr, "the batch is not consecutive");
                }
            }

            runs.Add(run);
        }

        return runs;
    }

    private async Task<long> ReadHighestAsync(DbConnection connection, DbTransaction? transaction, string persistenceId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"""
            SELECT COALESCE(MAX(h), 0) FROM (
                SELECT MAX(sequence_nr) AS h FROM {_dialect.Table("journal")} WHERE persistence_id = @pid
                UNION ALL
                SELECT highest_sequence_nr FROM {_dialect.Table("journal_metadata")} WHERE persistence_id = @pid) AS highs
            """,
            transaction);
        command.With("@pid", persistenceId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, List<PersistentRepresentation> run, long? epoch, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"""
            INSERT INTO {_dialect.Table("journal")} (persistence_id, sequence_nr, manifest, payload, timestamp_utc_ticks, writer_epoch)
            VALUES (@pid, @seq, @manifest, @payload, @ticks, @epoch)
            """,
            transaction);
        var pid = command.With("@pid", null, DbType.String);
        var seq = command.With("@seq", null, DbType.Int64);
        var manifest = command.With("@manifest", null, DbType.String);
        var payload = command.With("@payload", null, DbType.Binary);
        var ticks = command.With("@ticks", null, DbType.Int64);
        command.With("@epoch", epoch, DbType.Int64);
        foreach (var item in run)
        {
            pid.Value = item.PersistenceId;
            seq.Value = item.SequenceNr;
            manifest.Value = item.Manifest;
            payload.Value = item.Payload;
            ticks.Value = item.Timestamp.UtcTicks;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException exception) when (_dialect.IsUniqueViolation(exception))
            {
                throw new JournalSequenceException(item.PersistenceId, item.SequenceNr + 1, item.SequenceNr, "already written by a concurrent writer");
            }
        }
    }
}
