namespace RelayMesos.Persistence.Sql.Tests;

public sealed class SqliteJournalStoreTests : JournalStoreTests, IDisposable
{
    private readonly SqliteDatabase _database = new();

    protected override SqlPersistenceOptions DatabaseOptions => _database.Options;

    protected override string BinaryType => "BLOB";

    protected override Task ExecuteRawAsync(string sql) => _database.ExecuteAsync(sql);

    public void Dispose() => _database.Dispose();
}
