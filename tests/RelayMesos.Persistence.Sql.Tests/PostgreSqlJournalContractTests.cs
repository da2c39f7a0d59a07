using RelayMesos.Actors.Persistence;
using RelayMesos.TestKit.Persistence;
using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Persistence.Sql.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlJournalContractTests(PostgreSqlServerFixture fixture) : JournalContractTests
{
    private readonly PostgreSqlSchema _schema = new(fixture);
    private SqlPersistenceSet? _stores;

    protected override IJournal CreateJournal() => _stores!.Journal;

    protected override async Task InitializeStoreAsync() => _stores = await ContractStores.OpenAsync(_schema.Options);

    protected override async Task DisposeStoreAsync() => await _stores!.DisposeAsync();
}
