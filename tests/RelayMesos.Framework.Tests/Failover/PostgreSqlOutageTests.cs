using RelayMesos.Failover;
using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Framework.Tests.Failover;

/// <summary>The database is away: a server of its own, since it is stopped mid-test.</summary>
public sealed class PostgreSqlOutageTests : StoreTestBase
{
    private PostgreSqlServer? _server;
    private string? _connectionString;

    protected override SqlPersistenceOptions DatabaseOptions => new()
    {
        Provider = SqlProvider.Postgres,
        PostgresConnectionString = _connectionString,
        SchemaName = "outage",
    };


    protected override Task ExecuteRawAsync(string sql) => throw new NotSupportedException();

    public override async Task InitializeAsync()
    {
        _server = await PostgreSqlServer.StartNewAsync();
        _connectionString = await _server.CreateDatabaseAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server!.DisposeAsync();
    }

    [Fact]
    public async Task Start_up_waits_for_a_server_that_is_still_starting()
    {
        // A server that answers only seconds later (starting, or slow on a busy machine: a test run at load 50 timed
        // out here and the instance exited) is waited for instead of ending the start.
        await _server!.StopAsync();
        var started = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await _server.StartAsync();
        });

        await using var persistence = await SqlPersistence.CreateAsync(DatabaseOptions, "a");
        await started;
        Assert.NotNull(await persistence.Lease.TryAcquireAsync());
    }

    [Fact]
    public async Task The_password_never_reaches_an_exception_message_or_the_options_text()
    {
        const string password = "Sup3r-Secret-Pw";
        var options = new SqlPersistenceOptions
        {
            Provider = SqlProvider.Postgres,
            PostgresConnectionString = $"Host=127.0.0.1;Port={_server!.Port};Username=postgres;Password={password};Database=none;Timeout=2",
            StartupPatience = TimeSpan.Zero,
        };
        var unparseable = new SqlPersistenceOptions { Provider = SqlProvider.Postgres, PostgresConnectionString = $"Password={password};=;broken" };

        await _server.StopAsync();
        var unreachable = await Assert.ThrowsAsync<SqlPersistenceException>(() => SqlPersistence.CreateAsync(options, "a"));
        var malformed = await Assert.ThrowsAsync<SqlPersistenceConfigurationException>(() => SqlPersistence.CreateAsync(unparseable, "a"));

        Assert.DoesNotContain(password, unreachable.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, malformed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, unparseable.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password=***", options.ToString(), StringComparison.Ordinal);
    }
}
