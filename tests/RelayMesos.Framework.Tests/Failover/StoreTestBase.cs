using RelayMesos.Failover;

namespace RelayMesos.Framework.Tests.Failover;

/// <summary>
/// One fresh database per test (a SQLite file, or a PostgreSQL schema); <see cref="OpenAsync"/> may be
/// called several times to play several scheduler instances on that database.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private readonly List<SqlPersistenceSet> _opened = [];

    protected abstract SqlPersistenceOptions DatabaseOptions { get; }

    /// <summary>Runs raw SQL against the test's database (in the test's schema on PostgreSQL).</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    protected static TimeSpan ShortTtl => TimeSpan.FromMilliseconds(800);

    protected async Task<SqlPersistenceSet> OpenAsync(string holderId = "instance-a", TimeSpan? ttl = null)
    {
        var options = WithLeaseTimings(DatabaseOptions, ttl ?? ShortTtl);
        var set = await SqlPersistence.CreateAsync(options, holderId);
        _opened.Add(set);
        return set;
    }

    /// <summary>Polls (bounded) until the condition holds; the bound only prevents a hang, it is no assertion on speed.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > bound)
            {
                throw new TimeoutException($"Never happened: {what}");
            }

            await Task.Delay(20);
        }
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var set in _opened)
        {
            await set.DisposeAsync();
        }
    }

    private static SqlPersistenceOptions WithLeaseTimings(SqlPersistenceOptions o, TimeSpan ttl) => new()
    {
        Provider = o.Provider,
        SqlitePath = o.SqlitePath,
        SqliteSynchronous = o.SqliteSynchronous,
        BusyTimeout = o.BusyTimeout,
        PostgresConnectionString = o.PostgresConnectionString,
        SchemaName = o.SchemaName,
        LeaseName = o.LeaseName,
        LeaseTtl = ttl,
        RenewInterval = TimeSpan.FromMilliseconds(100),
        RenewSafetyMargin = TimeSpan.FromMilliseconds(100),
    };
}
