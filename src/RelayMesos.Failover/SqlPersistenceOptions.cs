using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using RelayMesos.Failover.Dialects;

namespace RelayMesos.Failover;

/// <summary>
/// Where and how controller history and the leader lease are stored. <see cref="ToString"/> redacts
/// the PostgreSQL password, so an options object may be logged.
/// </summary>
public sealed partial class SqlPersistenceOptions
{
    public SqlProvider Provider { get; init; } = SqlProvider.Sqlite;

    /// <summary>The SQLite database file; its folder is created when missing.</summary>
    public string SqlitePath { get; init; } = "relay-mesos.db";

    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How long a SQLite writer waits for another connection's write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long start-up waits for a database that times out or refuses connections (a server still starting).</summary>
    public TimeSpan StartupPatience { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>An Npgsql connection string. Its password never appears in logs or exception messages.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The PostgreSQL schema that holds the tables (created when missing). SQLite keeps one file per deployment and ignores it.</summary>
    public string SchemaName { get; init; } = "relay_mesos";

    /// <summary>A persistent actor saves a snapshot after this many events.</summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>The lease row's name: instances that share it compete for one leadership.</summary>
    public string LeaseName { get; init; } = "relay-mesos";

    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Leadership is given up locally this long before the lease would expire on the database,
    /// so that clock drift and a slow renewal never leave two leaders believing at once.
    /// </summary>
    public TimeSpan RenewSafetyMargin { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// The linq2db provider name Akka.Persistence.Sql takes (<c>SQLite.MS</c>, <c>PostgreSQL.15</c>). Known before the
    /// database is opened: the actor system's configuration is built before any hosted service starts.
    /// </summary>
    public string AkkaProviderName => Provider == SqlProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    /// <summary>
    /// The connection string for Akka.Persistence.Sql: the same SQLite file (WAL mode is set when the database is opened),
    /// or the same PostgreSQL database with the configured schema first on the search path, so Akka's tables sit beside
    /// the lease. Holds the password.
    /// </summary>
    public string AkkaConnectionString => Provider == SqlProvider.Sqlite
        ? new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(SqlitePath), DefaultTimeout = (int)Math.Ceiling(BusyTimeout.TotalSeconds) }.ToString()
        : PostgresAkkaConnectionString();

    private string PostgresAkkaConnectionString()
    {
        // A leader frozen inside a journal write keeps its row's key locked; its successor's write of the same
        // sequence number would wait on it (and its term restart in a loop) until the frozen one is thawed.
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = SchemaName };
        PostgreSqlDialect.EndStalledTransactions(builder, LeaseTtl);
        PostgreSqlDialect.ProbeIdleConnections(builder);
        return builder.ToString();
    }

    /// <summary>Throws <see cref="SqlPersistenceConfigurationException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        switch (Provider)
        {
            case SqlProvider.Sqlite when string.IsNullOrWhiteSpace(SqlitePath):
                throw Bad(nameof(SqlitePath), "a file path is required for the sqlite provider");
            case SqlProvider.Postgres when string.IsNullOrWhiteSpace(PostgresConnectionString):
                throw Bad(nameof(PostgresConnectionString), "a connection string is required for the postgres provider");
            case SqlProvider.Sqlite or SqlProvider.Postgres:
                break;
            default:
                throw Bad(nameof(Provider), $"'{Provider}' is not one of sqlite, postgres");
        }

        if (!SchemaNamePattern().IsMatch(SchemaName))
        {
            throw Bad(nameof(SchemaName), "expected a lower-case identifier: letters, digits and '_', not starting with a digit, at most 63 characters");
        }

        if (SnapshotEvery < 1)
        {
            throw Bad(nameof(SnapshotEvery), "expected a positive number of events");
        }

        if (string.IsNullOrWhiteSpace(LeaseName))
        {
            throw Bad(nameof(LeaseName), "expected a non-empty name");
        }

        if (BusyTimeout <= TimeSpan.Zero)
        {
            throw Bad(nameof(BusyTimeout), "expected a positive duration");
        }

        if (RenewInterval <= TimeSpan.Zero)
        {
            throw Bad(nameof(RenewInterval), "expected a positive duration");
        }

        if (RenewSafetyMargin < TimeSpan.Zero)
        {
            throw Bad(nameof(RenewSafetyMargin), "expected a duration of zero or more");
        }

        if (LeaseTtl <= RenewInterval + RenewSafetyMargin)
        {
            throw Bad(nameof(LeaseTtl), $"expected more than renew interval + safety margin ({RenewInterval + RenewSafetyMargin}), got {LeaseTtl}");
        }
    }

    public override string ToString() =>
        Provider == SqlProvider.Sqlite
            ? $"sqlite file {SqlitePath} (synchronous={SqliteSynchronous}, busy timeout {BusyTimeout})"
            : $"postgres {ConnectionStringRedactor.Redact(PostgresConnectionString)} schema {SchemaName}";

    private static SqlPersistenceConfigurationException Bad(string setting, string expected) =>
        new(setting, expected);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaNamePattern();
}
