using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using RelayMesos.Persistence.Sql.Leasing;

namespace RelayMesos.Persistence.Sql.Tests;

public sealed class SqliteElectorDeadlineTests : StoreTestBase, IDisposable
{
    private readonly SqliteDatabase _database = new();

    // A busy timeout far beyond the TTL and the test's own bound: only the elector's deadline can end the wait.
    protected override SqlPersistenceOptions DatabaseOptions => new() { SqlitePath = _database.Path, BusyTimeout = TimeSpan.FromMinutes(2) };


    protected override Task ExecuteRawAsync(string sql) => _database.ExecuteAsync(sql);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_renewal_stuck_behind_a_lock_reports_the_loss_at_the_local_deadline_not_after_the_busy_timeout()
    {
        var a = await OpenAsync(holderId: "a", ttl: TimeSpan.FromMilliseconds(800));
        await using var elector = a.CreateElector();
        var changes = elector.ReadChangesAsync().GetAsyncEnumerator();
        elector.Start();
        Assert.True(await changes.MoveNextAsync());

        var (blocker, transaction) = await LockLeasesAsync();
        await using var _ = blocker;

        var reported = await changes.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await transaction.RollbackAsync();

        Assert.True(reported);
        Assert.Equal(new LeadershipChanged(false, 1, "a"), changes.Current);
        Assert.Null(a.Lease.CurrentTerm);
    }

    [Fact]
    public async Task Holding_the_lease_is_judged_at_the_moment_of_asking_not_by_the_last_news_of_the_loop()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = await OpenAsync(holderId: "a", ttl: TimeSpan.FromSeconds(10));
        await using var elector = a.CreateElector(time);
        var changes = elector.ReadChangesAsync().GetAsyncEnumerator();
        elector.Start();
        Assert.True(await changes.MoveNextAsync());
        Assert.True(elector.HoldsLease);

        // Renewals now hang behind a lock, as for a process that was frozen; then its clock jumps past the deadline.
        var (blocker, transaction) = await LockLeasesAsync();
        await using var _ = blocker;

        time.Advance(TimeSpan.FromSeconds(12));

        Assert.False(elector.HoldsLease);
        await transaction.RollbackAsync();
    }

    /// <summary>Holds the write lock on the lease table until the transaction ends, so every renewal hangs.</summary>
    private async Task<(SqliteConnection Blocker, SqliteTransaction Transaction)> LockLeasesAsync()
    {
        var blocker = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        await blocker.OpenAsync();
        var transaction = (SqliteTransaction)await blocker.BeginTransactionAsync();
        await using var take = blocker.CreateCommand();
        take.Transaction = transaction;
        take.CommandText = "UPDATE leases SET holder_id = holder_id";
        await take.ExecuteNonQueryAsync();
        return (blocker, transaction);
    }
}
