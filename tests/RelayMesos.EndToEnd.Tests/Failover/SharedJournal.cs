using Npgsql;
using RelayMesos.Framework.Persistence;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>Reads every event the instances wrote to the shared PostgreSQL journal (Akka.Persistence.Sql's tables).</summary>
internal static class SharedJournal
{
    public static async Task<IReadOnlyList<JournalRow>> ReadAllAsync(string connectionString)
    {
        // The serializer needs no actor system to read bytes.
        var serializer = new FrameworkEventSerializer(null!);
        var rows = new List<JournalRow>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT persistence_id, sequence_number, manifest, message, writer_uuid, created FROM relay_mesos.journal ORDER BY persistence_id, sequence_number",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new JournalRow(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                serializer.FromBinary((byte[])reader.GetValue(3), reader.GetString(2))));
        }

        return rows;
    }

    /// <summary>Rows in the snapshot table; the test keeps snapshots off so that the journal holds the whole history.</summary>
    public static async Task<long> CountSnapshotsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM relay_mesos.snapshot", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
