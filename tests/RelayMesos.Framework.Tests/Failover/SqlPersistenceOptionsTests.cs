using RelayMesos.Failover;

namespace RelayMesos.Framework.Tests.Failover;

public sealed class SqlPersistenceOptionsTests
{
    [Theory]
    [InlineData("SchemaName")]
    [InlineData("LeaseTtl")]
    [InlineData("PostgresConnectionString")]
    [InlineData("SnapshotEvery")]
    public void A_bad_setting_is_named_in_the_error(string setting)
    {
        var options = setting switch
        {
            "SchemaName" => new SqlPersistenceOptions { SchemaName = "x; DROP TABLE journal" },
            "LeaseTtl" => new SqlPersistenceOptions { LeaseTtl = TimeSpan.FromSeconds(1), RenewInterval = TimeSpan.FromSeconds(1) },
            "PostgresConnectionString" => new SqlPersistenceOptions { Provider = SqlProvider.Postgres },
            _ => new SqlPersistenceOptions { SnapshotEvery = 0 },
        };

        var error = Assert.Throws<SqlPersistenceConfigurationException>(options.Validate);

        Assert.Equal(setting, error.Setting);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid_with_a_five_second_ttl_renewed_every_second()
    {
        var options = new SqlPersistenceOptions();

        options.Validate();

        Assert.Equal(TimeSpan.FromSeconds(5), options.LeaseTtl);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RenewInterval);
        Assert.Equal(SqlProvider.Sqlite, options.Provider);
    }

    [Theory]
    [InlineData("Host=db;Username=relay;Database=relay", 1)]
    [InlineData("Host=db;Username=relay;Database=relay;Keepalive=30", 30)]
    public void Idle_pooled_connections_of_the_journal_are_probed_every_second_unless_the_operator_chose_otherwise(string connectionString, int probeSeconds)
    {
        // A connection that died in a server restart is then dropped from the pool before a takeover's recovery meets it.
        var options = new SqlPersistenceOptions { Provider = SqlProvider.Postgres, PostgresConnectionString = connectionString };

        Assert.Equal(probeSeconds, new Npgsql.NpgsqlConnectionStringBuilder(options.AkkaConnectionString).KeepAlive);
    }
}
