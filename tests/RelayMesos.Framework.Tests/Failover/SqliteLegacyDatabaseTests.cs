using RelayMesos.Failover;

namespace RelayMesos.Framework.Tests.Failover;

public sealed class SqliteLegacyDatabaseTests : LegacyDatabaseTests, IDisposable
{
    private readonly SqliteDatabase _database = new();

    protected override SqlPersistenceOptions DatabaseOptions => _database.Options;


    protected override string BinaryType => "BLOB";

    protected override Task ExecuteRawAsync(string sql) => _database.ExecuteAsync(sql);

    protected override Task<long> ScalarRawAsync(string sql) => _database.ScalarAsync(sql);

    public void Dispose() => _database.Dispose();

    protected override string Bytes(byte value) => $"X'{value:x2}'";
}
