using RelayMesos.Failover.Dialects;

namespace RelayMesos.Failover.Schema;

/// <summary>
/// Readies a database for this version: refuses one written in relay-mesos' pre-Akka format (it would otherwise be
/// mistaken for Akka's tables of the same names) and creates the lease table. Akka.Persistence.Sql creates its own
/// journal, snapshot and tag tables.
/// </summary>
internal static class DatabaseSetup
{
    /// <summary>The table the pre-Akka store kept its schema history in; no table of Akka's has this name.</summary>
    internal const string LegacyMarkerTable = "schema_version";

    public static async Task PrepareAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await dialect.PrepareMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        await using (var legacy = connection.Command(dialect.TableExistsQuery, transaction))
        {
            legacy.With("@name", LegacyMarkerTable);
            var found = Convert.ToInt64(await legacy.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (found > 0)
            {
                throw new LegacyDatabaseException(dialect.Description);
            }
        }

        await using (var create = connection.Command(
            $"""
            CREATE TABLE IF NOT EXISTS {dialect.Table("leases")} (
                name TEXT NOT NULL PRIMARY KEY,
                holder_id TEXT NOT NULL,
                epoch BIGINT NOT NULL,
                expires_at_ms BIGINT NOT NULL)
            """, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
