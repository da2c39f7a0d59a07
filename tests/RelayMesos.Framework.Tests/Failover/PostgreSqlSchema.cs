using Npgsql;
using RelayMesos.Failover;
using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Framework.Tests.Failover;

/// <summary>A fresh schema in the shared test server's database: isolation per test without a database each.</summary>
public sealed class PostgreSqlSchema(PostgreSqlServerFixture fixture)
{
    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];

    public SqlPersistenceOptions Options => new()
    {
        Provider = SqlProvider.Postgres,
        PostgresConnectionString = fixture.ConnectionString,
        SchemaName = Name,
    };

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{Name}\"; SET search_path TO \"{Name}\"; {sql}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SET search_path TO \"{Name}\"; {sql}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
