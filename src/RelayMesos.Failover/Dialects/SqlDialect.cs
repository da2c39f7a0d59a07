using System.Data.Common;

namespace RelayMesos.Failover.Dialects;

/// <summary>What differs between the SQL databases: connections, table names, types, clock and locks.</summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The database, for messages and logs; never contains a secret.</summary>
    public abstract string Description { get; }

    /// <summary>The database clock as milliseconds since the Unix epoch (an SQL expression).</summary>
    public abstract string NowMillis { get; }

    /// <summary>A query counting the tables named <c>@name</c> where this dialect keeps its tables.</summary>
    public abstract string TableExistsQuery { get; }

    public abstract string Table(string name);

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction that already holds whatever write lock the database needs.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serialises the set-up of concurrently starting instances and creates the schema.</summary>
    public abstract Task PrepareMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// While the journal's tables are missing, a lock that serialises their creation by Akka.Persistence.Sql across
    /// instances; null when nothing needs holding (the tables exist, or the database serialises DDL itself).
    /// </summary>
    public virtual Task<IAsyncDisposable?> HoldSetUpLockWhileTablesMissingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
