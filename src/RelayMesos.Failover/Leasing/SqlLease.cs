using System.Globalization;
using Akka.Actor;
using Akka.Coordination;
using Akka.DependencyInjection;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Membership;

namespace RelayMesos.Failover.Leasing;

/// <summary>
/// Our SQL lease row (database clock, TTL, an epoch that grows with every acquisition) as an Akka.Coordination
/// <see cref="Lease"/>, named in HOCON by its block's <c>lease-class</c>. The holder renews every heartbeat interval and
/// reports the loss through Akka's callback as soon as it cannot renew before its local deadline (renewal start + TTL −
/// safety margin, on the monotonic clock) — without waiting for a hung database call — so the singleton stops before
/// the row could expire on the database and someone else take it.
/// </summary>
/// <remarks>
/// Akka creates it by reflection with (settings, system); the database comes from the host's services
/// (<see cref="SqlPersistenceSet"/>, through Akka.DependencyInjection). The block's optional <c>lease-name</c> names
/// the row instead of Akka's generated name, so operators and the web UI find it under a stable name.
/// </remarks>
public sealed class SqlLease : Lease
{
    private readonly LeaderLease _lease;
    private readonly TimeSpan _renewInterval;
    private readonly TimeSpan _safetyMargin;
    private readonly ILogger _logger;
    private readonly DatabaseIncidentLog _incidents;
    /// <summary>How long after a stall its consequences are put down to it: a renewal runs within a second of waking.</summary>
    private static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _renewing;
    private long _deadline;

    public SqlLease(LeaseSettings settings, ExtendedActorSystem system)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = DependencyResolver.For(system).Resolver;
        var persistence = services.GetService<SqlPersistenceSet>()
            ?? throw new LeaseException("The SQL lease needs relay.persistence.provider = sqlite or postgres; with the in-memory store set akka.cluster.singleton.use-lease = \"\".");
        var loggers = services.GetService<ILoggerFactory>();
        _logger = loggers?.CreateLogger("RelayMesos.Leadership") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var rowName = settings.LeaseConfig.GetString("lease-name", "");
        var ttl = settings.TimeoutSettings.HeartbeatTimeout;
        _renewInterval = settings.TimeoutSettings.HeartbeatInterval;
        _safetyMargin = persistence.Options.RenewSafetyMargin;
        if (_renewInterval <= TimeSpan.Zero || _renewInterval + _safetyMargin >= ttl)
        {
            throw new LeaseException($"Lease {settings.LeaseName}: need 0 < heartbeat-interval ({_renewInterval}) and heartbeat-interval + safety margin ({_safetyMargin}) < heartbeat-timeout ({ttl}).");
        }

        _incidents = persistence.Incidents;
        _lease = persistence.CreateLease(string.IsNullOrEmpty(rowName) ? settings.LeaseName : rowName, settings.OwnerName, ttl);
        persistence.Track(this);
    }

    /// <summary>The epoch held now, or null: what names this holder's term in logs and in the journal's history.</summary>
    public long? Epoch => _lease.CurrentTerm?.Epoch;

    /// <summary>
    /// <see cref="Epoch"/> while the local deadline has not passed (<see cref="CheckLease"/>); null once it has passed
    /// without a renewal, even before the renewal loop has noticed: what an answer that says "leader" may rely on.
    /// </summary>
    public long? EpochWithinDeadline => CheckLease() ? Epoch : null;

    /// <summary>The lease row's name in the leases table.</summary>
    internal string RowName => _lease.Name;

    public override Task<bool> Acquire() => Acquire(null!);

    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        var started = _time.GetTimestamp();
        LeaseTerm? term;
        try
        {
            term = await _lease.TryAcquireAsync().ConfigureAwait(false);
        }
        catch (SqlPersistenceException exception)
        {
            // Akka retries after lease-retry-interval; one warning per database outage, never a stack trace.
            _incidents.Failed($"lease {_lease.Name} acquisition", exception.Message);
            return false;
        }

        _incidents.Succeeded();

        if (term is null)
        {
            return false;
        }

        Interlocked.Exchange(ref _deadline, DeadlineFrom(started));
        var renewing = new CancellationTokenSource();
        lock (_gate)
        {
            _renewing?.Cancel();
            _renewing = renewing;
        }

        _ = Task.Run(() => RenewLoopAsync(term, leaseLostCallback, renewing.Token), CancellationToken.None);
        return true;
    }

    public override async Task<bool> Release()
    {
        lock (_gate)
        {
            _renewing?.Cancel();
            _renewing = null;
        }

        try
        {
            await _lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (SqlPersistenceException exception)
        {
            // The row then simply expires after its TTL; the next holder takes over a little later.
            _logger.LogWarning("Lease {Lease}: release failed: {Reason}", _lease.Name, exception.Message);
        }

        return true;
    }

    /// <summary>A term is held and its local deadline has not passed: judged at the time of asking, so a thawed process never trusts stale news.</summary>
    public override bool CheckLease() => _lease.CurrentTerm is not null && RemainingUntil(Interlocked.Read(ref _deadline)) > TimeSpan.Zero;

    private async Task RenewLoopAsync(LeaseTerm term, Action<Exception>? lost, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_renewInterval, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var started = _time.GetTimestamp();
            var lateBy = -RemainingUntil(Interlocked.Read(ref _deadline));
            var failure = await RenewOnceAsync(term, started, stopping).ConfigureAwait(false);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (failure is not null)
            {
                _lease.Abandon(term);
                var stalled = StallBehind(lateBy) is { } stall ? $" while {stall}" : "";
                // During a database outage the incident's warning already says why; this line is its consequence.
                _logger.Log(
                    _incidents.IsOpen ? LogLevel.Information : LogLevel.Warning,
                    "Leadership lost: lease {Lease} epoch {Epoch}: {Reason}{Stalled}; this instance stands down.", _lease.Name, term.Epoch, failure, stalled);
                lost?.Invoke(new LeaseException($"Lease {_lease.Name} epoch {term.Epoch} lost: {failure}{stalled}"));
                return;
            }

            if (lateBy > TimeSpan.Zero && StallBehind(lateBy) is { } heldUp)
            {
                _logger.Log(
                    _incidents.IsOpen ? LogLevel.Information : LogLevel.Warning,
                    "Lease {Lease} epoch {Epoch} renewed {Late:0.0} s past its local deadline ({Stall}): nobody had taken it, so the term goes on.",
                    _lease.Name, term.Epoch, lateBy.TotalSeconds, heldUp);
            }
        }
    }

    /// <summary>
    /// What held this loop up past the deadline, for the line that reports what it cost: the process's stall when the
    /// watch saw one (marked reported, so the lines that follow from it are information), else the loop's own lateness
    /// when it missed a whole renewal interval (a starved thread pool); null when it was not held up (a renewal that
    /// hung until the deadline says so itself).
    /// </summary>
    private string? StallBehind(TimeSpan lateBy)
    {
        var watch = ProcessStallWatch.Shared;
        if (watch.Recent(StallWindow) is { } stall)
        {
            watch.TryReport(stall);
            return stall.ToString();
        }

        return lateBy >= _renewInterval
            ? $"its renewal came {lateBy.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s past the local deadline"
            : null;
    }

    /// <summary>Null when renewed (or a transient failure left time to try again); otherwise why the term is over.</summary>
    private async Task<string?> RenewOnceAsync(LeaseTerm term, long started, CancellationToken stopping)
    {
        var remaining = RemainingUntil(Interlocked.Read(ref _deadline));
        var late = remaining <= TimeSpan.Zero;
        if (late)
        {
            // This loop itself ran late (a stalled process, a starved thread pool): one bounded attempt decides. A renewal
            // the database accepts proves nobody took the lease meanwhile (the epoch is unchanged). Its outcome is the
            // line that says what the lateness cost.
            _logger.LogInformation(
                "Lease {Lease}: renewal is {Late:0.0}s past the local deadline; trying once before giving up the term", _lease.Name, -remaining.TotalSeconds);
            remaining = _renewInterval;
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // Task.Run: Microsoft.Data.Sqlite's async calls run synchronously, a busy wait included.
        var renewal = Task.Run(() => _lease.TryRenewAsync(attempt.Token), CancellationToken.None);
        try
        {
            // WaitAsync gives up at the deadline even when the driver ignores cancellation.
            if (await renewal.WaitAsync(remaining, _time, stopping).ConfigureAwait(false))
            {
                Interlocked.Exchange(ref _deadline, DeadlineFrom(started));
                _incidents.Succeeded();
                return null;
            }

            return "the lease expired or was taken over";
        }
        catch (TimeoutException)
        {
            await attempt.CancelAsync().ConfigureAwait(false);
            _ = renewal.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            _incidents.Failed($"lease {_lease.Name} renewal", "no answer before the local deadline");
            return "no renewal succeeded before the local deadline";
        }
        catch (SqlPersistenceException exception) when (late)
        {
            _incidents.Failed($"lease {_lease.Name} renewal", exception.Message);
            return $"the renewal after the local deadline failed: {exception.Message}";
        }
        catch (SqlPersistenceException exception)
        {
            // Keep trying until the deadline: a short database hiccup must not cost the term.
            _incidents.Failed($"lease {_lease.Name} renewal", exception.Message);
            return null;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _ = renewal.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            return null;
        }
    }

    private long DeadlineFrom(long started) =>
        started + (long)((_lease.Ttl - _safetyMargin).TotalSeconds * _time.TimestampFrequency);

    private TimeSpan RemainingUntil(long deadline) =>
        TimeSpan.FromSeconds((double)(deadline - _time.GetTimestamp()) / _time.TimestampFrequency);
}
