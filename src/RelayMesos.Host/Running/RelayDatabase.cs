using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover;
using RelayMesos.Failover.Leasing;
using RelayMesos.Framework;

namespace RelayMesos.Host.Running;

/// <summary>
/// The SQL store (SQLite or PostgreSQL): opened and checked before the actor system starts (a database still starting
/// is waited for), closed after it stopped. It holds the singleton's lease row, so it also answers which lease term this
/// process holds. With the in-memory store there is no row: the lone instance always acts.
/// </summary>
public sealed class RelayDatabase(SqlPersistenceOptions? options, string leaseRow, ILoggerFactory loggers) : IHostedService, ILeaseHolder, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger("RelayMesos.Host");
    private SqlPersistenceSet? _set;

    public SqlPersistenceOptions? Options => options;

    /// <summary>The opened store; null with the in-memory store or before start.</summary>
    public SqlPersistenceSet? Store => _set;

    /// <summary>Where database failures are reported, one warning per incident; with no SQL store, one that never opens.</summary>
    public DatabaseIncidentLog Incidents => _set?.Incidents ?? NoIncidents;

    public long? HeldEpoch => _set?.HeldEpoch(leaseRow);

    /// <inheritdoc/>
    public bool LeadsNow => options is null || _set?.HeldEpochWithinDeadline(leaseRow) is not null;

    private static DatabaseIncidentLog NoIncidents { get; } = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options is null)
        {
            _logger.LogWarning("Persistence is in memory: controller history and the task table die with this process.");
            return;
        }

        var holder = Environment.MachineName + ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        _set = await SqlPersistence.CreateAsync(options, holder, loggers, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Persistence: {Store}.", options);
    }

    /// <summary>The singleton's lease row as the database sees it now; null without a SQL store or before anyone took it.</summary>
    public Task<LeaderInfo?> ReadLeaderAsync(CancellationToken cancellationToken) =>
        _set is null ? Task.FromResult<LeaderInfo?>(null) : _set.ReadLeaseAsync(leaseRow, cancellationToken);

    /// <summary>See <see cref="SqlPersistenceSet.HoldSetUpLockWhileTablesMissingAsync"/>; null without a SQL store.</summary>
    public Task<IAsyncDisposable?> HoldSetUpLockWhileTablesMissingAsync(CancellationToken cancellationToken) =>
        _set is null ? Task.FromResult<IAsyncDisposable?>(null) : _set.HoldSetUpLockWhileTablesMissingAsync(cancellationToken);

    /// <summary>
    /// Ends the live term that a member whose process is gone (host:port) holds on the singleton's lease row, so the next
    /// singleton need not wait for the TTL; the epoch ended, or null when it held none (or there is no SQL store).
    /// </summary>
    public Task<long?> EndTermOfGoneHolderAsync(string goneHolderId) =>
        _set is null ? Task.FromResult<long?>(null) : _set.EndTermOfGoneHolderAsync(leaseRow, goneHolderId);

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _set, null) is { } set)
        {
            await set.DisposeAsync().ConfigureAwait(false);
        }
    }
}
