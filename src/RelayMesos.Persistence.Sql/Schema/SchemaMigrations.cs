using RelayMesos.Persistence.Sql.Dialects;

namespace RelayMesos.Persistence.Sql.Schema;

/// <summary>
/// The schema's history, oldest first. A released step is never edited: a change is a new step, so that
/// a database written by any earlier build is brought forward with its data.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> For(SqlDialect d) =>
    [
        new(1, "journal, journal metadata and snapshots",
        [
            $"""
            CREATE TABLE {d.Table("journal")} (
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload {d.BinaryType} NOT NULL,
                timestamp_utc_ticks BIGINT NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr))
            """,
            // Keeps the highest sequence number once the events holding it are deleted.
            $"""
            CREATE TABLE {d.Table("journal_metadata")} (
                persistence_id TEXT NOT NULL PRIMARY KEY,
                highest_sequence_nr BIGINT NOT NULL)
            """,
            $"""
            CREATE TABLE {d.Table("snapshots")} (
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                timestamp_utc_ticks BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload {d.BinaryType} NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr))
            """,
        ]),
        new(2, "leader lease and the writer's epoch on every event",
        [
            $"ALTER TABLE {d.Table("journal")} ADD COLUMN writer_epoch BIGINT",
            $"""
            CREATE TABLE {d.Table("leases")} (
                name TEXT NOT NULL PRIMARY KEY,
                holder_id TEXT NOT NULL,
                epoch BIGINT NOT NULL,
                expires_at_ms BIGINT NOT NULL)
            """,
        ]),
    ];
}
