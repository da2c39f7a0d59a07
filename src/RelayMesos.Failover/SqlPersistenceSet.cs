using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Dialects;
using RelayMesos.Failover.Leasing;

namespace RelayMesos.Failover;

/// <summary>
/// One database, opened and checked: the leader lease (and any other lease row Akka asks for), and the connection Akka.Persistence.Sql's journal and
/// snapshot store use for the same database. Dispose it to close the lease's connections.
/// </summary>
public sealed class SqlPersistenceSet : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly List<SqlLease> _tracked = [];

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

    /// <summary>The linq2db provider name Akka.Persistence.Sql takes: see <see cref="SqlPersistenceOptions.AkkaProviderName"/>.</summary>
    public string AkkaProviderName => Options.AkkaProviderName;

    /// <summary>The connection string for Akka.Persistence.Sql; holds the password.</summary>
    public string AkkaConnectionString => Options.AkkaConnectionString;

    internal SqlDialect Dialect => _dialect;

    /// <summary>
    /// Another lease row in this database for <paramref name="holderId"/> (Akka.Coordination asks for one per lease
    /// name and owner): the cluster singleton's lease is one of these.
    /// </summary>
    public LeaderLease CreateLease(string name, string holderId, TimeSpan ttl) =>
        new(_dialect, name, holderId, ttl, _loggerFactory?.CreateLogger<LeaderLease>());

    /// <summary>Remembers a lease handed to Akka, so that <see cref="HeldEpoch"/> can name the term this process acts in.</summary>
    internal void Track(SqlLease lease)
    {
        lock (_tracked)
        {
            _tracked.Add(lease);
        }
    }

    /// <summary>The epoch this process holds now on lease row <paramref name="name"/> (of the leases handed to Akka); null when it holds none.</summary>
    public long? HeldEpoch(string name)
    {
        lock (_tracked)
        {
            return _tracked.Where(l => l.RowName == name).Select(l => l.Epoch).Max();
        }
    }

    /// <summary>
    /// <see cref="HeldEpoch"/>, but null too once the term's local deadline has passed without a renewal (a frozen process
    /// that just woke up, a renewal that hangs), before the renewal loop has noticed: judged at the time of asking, so that
    /// no answer built on it says "leader" on stale news.
    /// </summary>
    public long? HeldEpochWithinDeadline(string name)
    {
        lock (_tracked)
        {
            return _tracked.Where(l => l.RowName == name).Select(l => l.EpochWithinDeadline).Max();
        }
    }

    /// <summary>
    /// Ends the live term of a holder whose process is known to be gone (see <see cref="LeaderLease.EndTermOfGoneHolderAsync"/>);
    /// the epoch it ended, or null when that holder held no live term on row <paramref name="name"/>.
    /// </summary>
    public Task<long?> EndTermOfGoneHolderAsync(string name, string goneHolderId, CancellationToken cancellationToken = default) =>
        new LeaderLease(_dialect, name, "(gone-holder)", Options.LeaseTtl, null).EndTermOfGoneHolderAsync(goneHolderId, cancellationToken);

    /// <summary>The row of lease <paramref name="name"/> as the database sees it now, or null when nobody ever took it.</summary>
    public Task<LeaderInfo?> ReadLeaseAsync(string name, CancellationToken cancellationToken = default) =>
        new LeaderLease(_dialect, name, "(reader)", Options.LeaseTtl, null).ReadLeaderAsync(cancellationToken);

    /// <summary>
    /// While Akka.Persistence.Sql's tables are missing, a lock (held until disposed) under which this instance's first
    /// journal use creates them, so instances starting together on an empty database do not race on the creation;
    /// null when the tables exist or the database needs no lock (SQLite serialises DDL itself).
    /// </summary>
    public Task<IAsyncDisposable?> HoldSetUpLockWhileTablesMissingAsync(CancellationToken cancellationToken) =>
        DatabaseFailure.GuardAsync(_dialect, "Waiting for the journal's set-up", () => _dialect.HoldSetUpLockWhileTablesMissingAsync(cancellationToken));

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();
}
