using Microsoft.Extensions.Configuration;
using RelayMesos.Failover;
using RelayMesos.Hocon;

namespace RelayMesos.Host.Running;

/// <summary>Reads <c>relay.persistence.*</c> and <c>relay.leader-election.*</c>; null means the in-memory store.</summary>
public static class PersistenceSettings
{
    public static SqlPersistenceOptions? Bind(IConfiguration config)
    {
        var provider = config.GetString("relay.persistence.provider");
        var common = new SqlPersistenceOptions
        {
            SnapshotEvery = Math.Max(1, config.GetInt("relay.persistence.snapshot-every")),
            LeaseTtl = config.GetDuration("relay.leader-election.lease-ttl"),
            RenewInterval = config.GetDuration("relay.leader-election.renew-interval"),
        };
        return provider switch
        {
            "memory" => null,
            "sqlite" => new SqlPersistenceOptions
            {
                Provider = SqlProvider.Sqlite,
                SqlitePath = config.GetString("relay.persistence.sqlite.path"),
                SnapshotEvery = common.SnapshotEvery,
                LeaseTtl = common.LeaseTtl,
                RenewInterval = common.RenewInterval,
            },
            "postgres" => new SqlPersistenceOptions
            {
                Provider = SqlProvider.Postgres,
                PostgresConnectionString = config.GetString("relay.persistence.postgres.connection-string"),
                SnapshotEvery = common.SnapshotEvery,
                LeaseTtl = common.LeaseTtl,
                RenewInterval = common.RenewInterval,
            },
            _ => throw new ConfigurationValueException("relay.persistence.provider", provider, "memory, sqlite or postgres"),
        };
    }
}
