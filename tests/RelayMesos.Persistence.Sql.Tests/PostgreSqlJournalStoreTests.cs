using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Persistence.Sql.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlJournalStoreTests(PostgreSqlServerFixture fixture) : JournalStoreTests
{
    private readonly PostgreSqlSchema _schema = new(fixture);

    protected override SqlPersistenceOptions DatabaseOptions => _schema.Options;

    protected override string BinaryType => "BYTEA";

    protected override Task ExecuteRawAsync(string sql) => _schema.ExecuteAsync(sql);
}
