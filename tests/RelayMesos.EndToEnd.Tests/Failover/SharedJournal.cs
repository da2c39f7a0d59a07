using Npgsql;
using RelayMesos.Framework;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>Reads every event the instances wrote to the shared PostgreSQL journal, with each writer's lease epoch.</summary>
internal static class SharedJournal
{
    public static async Task<IReadOnlyList<JournalRow>> ReadAllAsync(string connectionString)
    {
        var serializers = FrameworkSerializers.Create();
        var rows = new List<JournalRow>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT persistence_id, sequence_nr, manifest, payload, writer_epoch FROM relay_mesos.journal ORDER BY persistence_id, sequence_nr",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var persistenceId = reader.GetString(0);
            rows.Add(new JournalRow(
                persistenceId,
                reader.GetInt64(1),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                serializers.Deserialize(reader.GetString(2), (byte[])reader.GetValue(3), persistenceId)));
        }

        return rows;
    }

    /// <summary>Rows in the snapshot table; the test keeps snapshots off so that the journal holds the whole history.</summary>
    public static async Task<long> CountSnapshotsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM relay_mesos.snapshots", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
