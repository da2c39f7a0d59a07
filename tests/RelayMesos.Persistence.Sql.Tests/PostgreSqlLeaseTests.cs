using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Persistence.Sql.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlLeaseTests(PostgreSqlServerFixture fixture) : LeaseTests
{
    private readonly PostgreSqlSchema _schema = new(fixture);

    protected override SqlPersistenceOptions DatabaseOptions => _schema.Options;


    protected override Task ExecuteRawAsync(string sql) => _schema.ExecuteAsync(sql);
}
