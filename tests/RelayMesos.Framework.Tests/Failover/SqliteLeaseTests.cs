using RelayMesos.Failover;

namespace RelayMesos.Framework.Tests.Failover;

public sealed class SqliteLeaseTests : LeaseTests, IDisposable
{
    private readonly SqliteDatabase _database = new();

    protected override SqlPersistenceOptions DatabaseOptions => _database.Options;


    protected override Task ExecuteRawAsync(string sql) => _database.ExecuteAsync(sql);

    public void Dispose() => _database.Dispose();
}
