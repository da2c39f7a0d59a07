using Microsoft.Extensions.Logging;
using RelayMesos.Persistence.Sql.Dialects;
using RelayMesos.Persistence.Sql.Leasing;

namespace RelayMesos.Persistence.Sql;

/// <summary>
/// The stores of one database, opened and migrated: a journal and a snapshot store fenced by
/// <see cref="Lease"/>. Dispose it to close the database's connections.
/// </summary>
public sealed class SqlPersistenceSet : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly ILoggerFactory? _loggerFactory;

    internal SqlPersistenceSet(SqlPersistenceOptions options, SqlDialect dialect, LeaderLease lease, ILeaseFence? fence, ILoggerFactory? loggerFactory)
    {
        Options = options;
        _dialect = dialect;
        _loggerFactory = loggerFactory;
        Lease = lease;
        Journal = new SqlJournal(dialect, fence);
        SnapshotStore = new SqlSnapshotStore(dialect, fence);
    }

    public SqlPersistenceOptions Options { get; }

    /// <summary>Refuses writes unless <see cref="Lease"/> holds a current term.</summary>
    public SqlJournal Journal { get; }

    /// <summary>Refuses writes unless <see cref="Lease"/> holds a current term.</summary>
    public SqlSnapshotStore SnapshotStore { get; }

    public LeaderLease Lease { get; }

    internal SqlDialect Dialect => _dialect;

    /// <summary>An elector for <see cref="Lease"/> with the configured renew interval and safety margin; call Start on it.</summary>
    public LeaderElector CreateElector(TimeProvider? timeProvider = null) =>
        new(Lease, Options.RenewInterval, Options.RenewSafetyMargin, _loggerFactory?.CreateLogger<LeaderElector>(), timeProvider);

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();
}
