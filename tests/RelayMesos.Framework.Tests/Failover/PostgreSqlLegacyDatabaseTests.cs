using RelayMesos.Failover;
using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Framework.Tests.Failover;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlLegacyDatabaseTests(PostgreSqlServerFixture fixture) : LegacyDatabaseTests
{
    private readonly PostgreSqlSchema _schema = new(fixture);

    protected override SqlPersistenceOptions DatabaseOptions => _schema.Options;


    protected override string BinaryType => "BYTEA";

    protected override Task ExecuteRawAsync(string sql) => _schema.ExecuteAsync(sql);

    protected override Task<long> ScalarRawAsync(string sql) => _schema.ScalarAsync(sql);

    protected override string Bytes(byte value) => $"decode('{value:x2}', 'hex')";
}
