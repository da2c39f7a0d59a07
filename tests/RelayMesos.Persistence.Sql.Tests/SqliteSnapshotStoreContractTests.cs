using RelayMesos.Actors.Persistence;
using RelayMesos.TestKit.Persistence;

namespace RelayMesos.Persistence.Sql.Tests;

public sealed class SqliteSnapshotStoreContractTests : SnapshotStoreContractTests, IDisposable
{
    private readonly SqliteDatabase _database = new();
    private SqlPersistenceSet? _stores;

    protected override ISnapshotStore CreateSnapshotStore() => _stores!.SnapshotStore;

    protected override async Task InitializeStoreAsync() => _stores = await ContractStores.OpenAsync(_database.Options);

    protected override async Task DisposeStoreAsync() => await _stores!.DisposeAsync();

    public void Dispose() => _database.Dispose();
}
