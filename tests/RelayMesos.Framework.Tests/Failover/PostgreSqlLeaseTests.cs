using RelayMesos.Failover;
using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Framework.Tests.Failover;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlLeaseTests(PostgreSqlServerFixture fixture) : LeaseTests
{
    private readonly PostgreSqlSchema _schema = new(fixture);

    protected override SqlPersistenceOptions DatabaseOptions => _schema.Options;


    protected override Task ExecuteRawAsync(string sql) => _schema.ExecuteAsync(sql);

    [Fact]
    public async Task The_journal_connection_of_a_stalled_leader_is_ended_by_the_server_so_its_row_locks_go()
    {
        // A leader SIGSTOPped inside a journal write held the key of the sequence number its successor then had to write:
        // the successor's term timed out and restarted in a loop until the frozen one was thawed.
        await using var persistence = await OpenAsync(ttl: ShortTtl);
        // Unpooled: a pooled connection's reset on close would meet the ended session. No keepalive: this live connection
        // stands for a frozen process's, which sends none (a keepalive would reset the server's idle-in-transaction clock).
        await using var stalled = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(persistence.AkkaConnectionString) { Pooling = false, KeepAlive = 0 }.ToString());
        await stalled.OpenAsync();
        await using (var begin = new Npgsql.NpgsqlCommand("BEGIN; SELECT 1", stalled))
        {
            await begin.ExecuteNonQueryAsync();
        }

        await EventuallyAsync(
            async () =>
            {
                await using var probe = new Npgsql.NpgsqlConnection(persistence.AkkaConnectionString);
                await probe.OpenAsync();
                await using var sessions = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid", probe);
                sessions.Parameters.AddWithValue("pid", stalled.ProcessID);
                return (long)(await sessions.ExecuteScalarAsync())! == 0;
            },
            "the server ended the session idle in its transaction");
    }
}
