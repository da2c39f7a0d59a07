using Xunit;

namespace RelayMesos.TestKit.PostgreSql;

/// <summary>
/// xunit class fixture: one throwaway PostgreSQL server per test class, with one database created
/// for the class (<see cref="ConnectionString"/>); more with <see cref="PostgreSqlServer.CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    private PostgreSqlServer? _server;
    private string? _connectionString;

    public PostgreSqlServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture is not initialized.");

    /// <summary>The class's own database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The PostgreSQL fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _server = await PostgreSqlServer.StartNewAsync().ConfigureAwait(false);
        _connectionString = await _server.CreateDatabaseAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
