using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using RelayMesos.Persistence.Sql.Dialects;
using RelayMesos.Persistence.Sql.Leasing;

namespace RelayMesos.Persistence.Sql;

/// <summary>
/// One database, opened and checked: the leader lease, and the connection Akka.Persistence.Sql's journal and
/// snapshot store use for the same database. Dispose it to close the lease's connections.
/// </summary>
public sealed class SqlPersistenceSet : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly ILoggerFactory? _loggerFactory;

    internal SqlPersistenceSet(SqlPersistenceOptions options, SqlDialect dialect, LeaderLease lease, ILoggerFactory? loggerFactory)
    {
        Options = options;
        _dialect = dialect;
        _loggerFactory = loggerFactory;
        Lease = lease;
        Incidents = new DatabaseIncidentLog(loggerFactory?.CreateLogger("RelayMesos.Database"));
    }

    public SqlPersistenceOptions Options { get; }

    public LeaderLease Lease { get; }

    /// <summary>Where the lease, the lease reads and the journal report database failures: one warning per incident.</summary>
    public DatabaseIncidentLog Incidents { get; }

    /// <summary>The database for logs; never contains a secret.</summary>
    public string Description => _dialect.Description;

    /// <summary>The linq2db provider name Akka.Persistence.Sql takes (<c>SQLite.MS</c>, <c>PostgreSQL.15</c>).</summary>
    public string AkkaProviderName => Options.Provider == SqlProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    /// <summary>
    /// The connection string for Akka.Persistence.Sql: the same SQLite file (already in WAL mode), or the same PostgreSQL
    /// database with the configured schema first on the search path, so Akka's tables sit beside the lease. Holds the password.
    /// </summary>
    public string AkkaConnectionString => Options.Provider == SqlProvider.Sqlite
        ? new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(Options.SqlitePath), DefaultTimeout = (int)Math.Ceiling(Options.BusyTimeout.TotalSeconds) }.ToString()
        : new NpgsqlConnectionStringBuilder(Options.PostgresConnectionString) { SearchPath = Options.SchemaName }.ToString();

    internal SqlDialect Dialect => _dialect;

    /// <summary>An elector for <see cref="Lease"/> with the configured renew interval and safety margin; call Start on it.</summary>
    public LeaderElector CreateElector(TimeProvider? timeProvider = null) =>
        new(Lease, Options.RenewInterval, Options.RenewSafetyMargin, _loggerFactory?.CreateLogger<LeaderElector>(), timeProvider, Incidents);

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();
}
