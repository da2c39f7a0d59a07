using RelayMesos.Persistence.Sql.Leasing;
using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Persistence.Sql.Tests;

/// <summary>A leader that stalls in the middle of a journal write must not keep the next leader from taking over.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStalledWriterTests(PostgreSqlServerFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_writer_stalled_inside_its_transaction_does_not_block_the_next_acquisition()
    {
        var schema = new PostgreSqlSchema(fixture);
        var options = new SqlPersistenceOptions
        {
            Provider = SqlProvider.Postgres,
            PostgresConnectionString = fixture.ConnectionString,
            SchemaName = schema.Name,
            LeaseTtl = Ttl,
            RenewInterval = TimeSpan.FromMilliseconds(200),
            RenewSafetyMargin = TimeSpan.FromMilliseconds(200),
        };
        await using var stalledLeader = await SqlPersistence.CreateAsync(options, "stalled");
        await using var standby = await SqlPersistence.CreateAsync(options, "standby");
        Assert.NotNull(await stalledLeader.Lease.TryAcquireAsync());

        // The leader opens a journal write (the fence check takes the share lock on the lease row) and then hangs.
        await using var connection = await stalledLeader.Dialect.OpenAsync(CancellationToken.None);
        await using var transaction = await stalledLeader.Dialect.BeginWriteAsync(connection, CancellationToken.None);
        Assert.Equal(1, await LeaseFenceCheck.VerifyAsync(stalledLeader.Dialect, stalledLeader.Lease, connection, transaction, CancellationToken.None));

        LeaseTerm? taken = null;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (taken is null && DateTimeOffset.UtcNow < deadline)
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                taken = await standby.Lease.TryAcquireAsync(attempt.Token);
            }
            catch (SqlPersistenceException) when (attempt.IsCancellationRequested)
            {
                // Blocked on the stalled writer's lock for the whole attempt: try again until the deadline.
            }
            catch (OperationCanceledException)
            {
            }

            if (taken is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(taken);
        Assert.Equal(2, taken.Epoch);
    }
}
