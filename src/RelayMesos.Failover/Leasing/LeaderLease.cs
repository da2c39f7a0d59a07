using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Failover.Dialects;

namespace RelayMesos.Failover.Leasing;

/// <summary>
/// A named lease row in the store's database, timed by the database clock so that instances' clocks
/// never need to agree. Its epoch grows on every acquisition, so every holder's term has its own name in logs and
/// history; a deposed holder's journal append is refused by the journal's own key, not by this lease.
/// </summary>
public sealed class LeaderLease
{
    private readonly SqlDialect _dialect;
    private readonly ILogger _logger;
    private LeaseTerm? _term;

    internal LeaderLease(SqlDialect dialect, string name, string holderId, TimeSpan ttl, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(holderId);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "The lease TTL must be positive.");
        }

        _dialect = dialect;
        _logger = logger ?? NullLogger.Instance;
        Name = name;
        HolderId = holderId;
        Ttl = ttl;
    }

    public string Name { get; }

    /// <summary>This instance's identity; must be unique per running process.</summary>
    public string HolderId { get; }

    public TimeSpan Ttl { get; }

    /// <summary>The term held now, or null when this instance is not the leader.</summary>
    public LeaseTerm? CurrentTerm => Volatile.Read(ref _term);

    /// <summary>
    /// Takes the lease when it is free, expired or already ours, starting a new term (epoch + 1).
    /// Returns null while another holder's lease is still valid.
    /// </summary>
    public Task<LeaseTerm?> TryAcquireAsync(CancellationToken cancellationToken = default) =>
        DatabaseFailure.GuardAsync<LeaseTerm?>(_dialect, $"Acquiring lease '{Name}'", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"""
                INSERT INTO {_dialect.Table("leases")} AS l (name, holder_id, epoch, expires_at_ms)
                VALUES (@name, @holder, 1, {_dialect.NowMillis} + @ttl)
                ON CONFLICT (name) DO UPDATE SET
                    holder_id = excluded.holder_id, epoch = l.epoch + 1, expires_at_ms = excluded.expires_at_ms
                WHERE l.expires_at_ms <= {_dialect.NowMillis} OR l.holder_id = excluded.holder_id
                RETURNING epoch
                """);
            command.With("@name", Name);
            command.With("@holder", HolderId);
            command.With("@ttl", (long)Ttl.TotalMilliseconds);
            var epoch = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (epoch is null or DBNull)
            {
                return null;
            }

            var term = new LeaseTerm(Name, HolderId, Convert.ToInt64(epoch, System.Globalization.CultureInfo.InvariantCulture));
            Volatile.Write(ref _term, term);
            _logger.LogInformation("Lease {Lease} acquired by {Holder} with epoch {Epoch}", Name, HolderId, term.Epoch);
            return term;
        });

    /// <summary>
    /// Extends the current term by the TTL. False (and the term forgotten) when another holder has taken
    /// the lease; false too when no term is held.
    /// </summary>
    /// <remarks>
    /// A term that expired by the database clock is still renewed when nobody took it meanwhile: every
    /// acquisition moves the epoch on, so an unchanged epoch proves no one else held the lease, and a holder
    /// that a busy machine stalled past its TTL keeps its term instead of starting a new one.
    /// </remarks>
    public Task<bool> TryRenewAsync(CancellationToken cancellationToken = default)
    {
        var term = CurrentTerm;
        if (term is null)
        {
            return Task.FromResult(false);
        }

        return DatabaseFailure.GuardAsync(_dialect, $"Renewing lease '{Name}'", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"""
                UPDATE {_dialect.Table("leases")} SET expires_at_ms = {_dialect.NowMillis} + @ttl
                WHERE name = @name AND holder_id = @holder AND epoch = @epoch
                """);
            command.With("@ttl", (long)Ttl.TotalMilliseconds);
            command.With("@name", Name);
            command.With("@holder", HolderId);
            command.With("@epoch", term.Epoch);
            var renewed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            if (!renewed)
            {
                Abandon(term);
                // Information: the holder reports the loss itself (one warning), this is the detail behind it.
                _logger.LogInformation("Lease {Lease} epoch {Epoch} could not be renewed by {Holder}: taken over", Name, term.Epoch, HolderId);
            }

            return renewed;
        });
    }

    /// <summary>Ends the current term at once (expiry = database now) so a standby can take over without waiting for the TTL.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        var term = CurrentTerm;
        if (term is null)
        {
            return;
        }

        Abandon(term);
        await DatabaseFailure.GuardAsync(_dialect, $"Releasing lease '{Name}'", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"""
                UPDATE {_dialect.Table("leases")} SET expires_at_ms = {_dialect.NowMillis}
                WHERE name = @name AND holder_id = @holder AND epoch = @epoch
                """);
            command.With("@name", Name);
            command.With("@holder", HolderId);
            command.With("@epoch", term.Epoch);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        _logger.LogInformation("Lease {Lease} epoch {Epoch} released by {Holder}", Name, term.Epoch, HolderId);
    }

    /// <summary>
    /// Ends, as the database sees it, the live term of a holder whose process is known to be gone (expiry = database
    /// now), so the next singleton takes over without waiting for the TTL. Returns the epoch it ended, or null when that
    /// holder held no live term. The epoch is left alone: whoever takes the lease next moves it on, which fences the old
    /// holder in case the evidence was wrong (its renewal then finds the epoch changed).
    /// </summary>
    public Task<long?> EndTermOfGoneHolderAsync(string goneHolderId, CancellationToken cancellationToken = default) =>
        DatabaseFailure.GuardAsync<long?>(_dialect, $"Ending the term of gone holder {goneHolderId} on lease '{Name}'", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"""
                UPDATE {_dialect.Table("leases")} SET expires_at_ms = {_dialect.NowMillis}
                WHERE name = @name AND holder_id = @holder AND expires_at_ms > {_dialect.NowMillis}
                RETURNING epoch
                """);
            command.With("@name", Name);
            command.With("@holder", goneHolderId);
            var epoch = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return epoch is null or DBNull ? null : Convert.ToInt64(epoch, System.Globalization.CultureInfo.InvariantCulture);
        });

    /// <summary>Forgets a term locally (the database is not asked), so <see cref="CurrentTerm"/> says at once that it is over.</summary>
    public void Abandon(LeaseTerm term) => Interlocked.CompareExchange(ref _term, null, term);

    /// <summary>The lease row as the database sees it now, or null when nobody ever took the lease.</summary>
    public Task<LeaderInfo?> ReadLeaderAsync(CancellationToken cancellationToken = default) =>
        DatabaseFailure.GuardAsync<LeaderInfo?>(_dialect, $"Reading lease '{Name}'", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                $"SELECT holder_id, epoch, expires_at_ms, {_dialect.NowMillis} FROM {_dialect.Table("leases")} WHERE name = @name");
            command.With("@name", Name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new LeaderInfo(
                Name,
                reader.GetString(0),
                reader.GetInt64(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
        });
}
