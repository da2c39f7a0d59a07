using Microsoft.Extensions.Logging;
using RelayMesos.Persistence.Sql.Dialects;

namespace RelayMesos.Persistence.Sql.Schema;

/// <summary>Brings the database to the newest schema version, one recorded step at a time.</summary>
internal sealed class SchemaMigrator(SqlDialect dialect, ILogger logger)
{
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = SchemaMigrations.For(dialect);
        var latest = migrations[^1].Version;
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await dialect.PrepareMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        await using (var create = connection.Command(
            $"""
            CREATE TABLE IF NOT EXISTS {dialect.Table("schema_version")} (
                version INTEGER NOT NULL PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at_ms BIGINT NOT NULL)
            """, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int current;
        await using (var read = connection.Command($"SELECT COALESCE(MAX(version), 0) FROM {dialect.Table("schema_version")}", transaction))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (current > latest)
        {
            throw new SqlPersistenceException(
                $"{dialect.Description} has schema version {current}, newer than this build knows ({latest}); run a newer relay-mesos.");
        }

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            foreach (var statement in migration.Statements)
            {
                await using var step = connection.Command(statement, transaction);
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = connection.Command(
                $"INSERT INTO {dialect.Table("schema_version")} (version, description, applied_at_ms) VALUES (@version, @description, {dialect.NowMillis})",
                transaction);
            record.With("@version", migration.Version);
            record.With("@description", migration.Description);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Schema of {Database} migrated to version {Version}: {Description}", dialect.Description, migration.Version, migration.Description);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return latest;
    }
}
