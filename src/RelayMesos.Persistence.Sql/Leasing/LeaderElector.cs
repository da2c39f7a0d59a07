using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RelayMesos.Persistence.Sql.Leasing;

/// <summary>
/// Competes for a <see cref="LeaderLease"/> and keeps it: a standby tries to acquire every renew
/// interval; the leader renews every interval and reports the loss as soon as it cannot renew before
/// its local deadline (renew start + TTL − safety margin, on the monotonic clock), without waiting
/// for a hung database call. Changes are read from <see cref="ReadChangesAsync"/>.
/// </summary>
public sealed class LeaderElector : IAsyncDisposable
{
    private readonly LeaderLease _lease;
    private readonly TimeSpan _renewInterval;
    private readonly TimeSpan _safetyMargin;
    private readonly ILogger _logger;
    private readonly DatabaseIncidentLog _incidents;
    private readonly TimeProvider _time;
    private readonly Channel<LeadershipChanged> _changes = Channel.CreateUnbounded<LeadershipChanged>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private long _deadline;
    private bool _firstRenewal;
    private int _disposed;

    public LeaderElector(
        LeaderLease lease,
        TimeSpan renewInterval,
        TimeSpan safetyMargin,
        ILogger<LeaderElector>? logger = null,
        TimeProvider? timeProvider = null,
        DatabaseIncidentLog? incidents = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (renewInterval <= TimeSpan.Zero || safetyMargin < TimeSpan.Zero || renewInterval + safetyMargin >= lease.Ttl)
        {
            throw new ArgumentOutOfRangeException(
                nameof(renewInterval),
                $"Need 0 < renew interval ({renewInterval}) and renew interval + safety margin ({safetyMargin}) < lease TTL ({lease.Ttl}).");
        }

        _lease = lease;
        _renewInterval = renewInterval;
        _safetyMargin = safetyMargin;
        _logger = logger ?? NullLogger<LeaderElector>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _incidents = incidents ?? new DatabaseIncidentLog(_logger, _time);
    }

    public bool IsLeader => _lease.CurrentTerm is not null;

    /// <summary>A term is held and its local deadline has not passed: what "may act now" means, judged at the time of asking.</summary>
    public bool HoldsLease => IsLeader && RemainingUntil(Interlocked.Read(ref _deadline)) > TimeSpan.Zero;

    /// <summary>Starts competing. Call once.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The elector is already started.");
        }

        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Every change of leadership, in order, until the elector is stopped. One reader only.</summary>
    public IAsyncEnumerable<LeadershipChanged> ReadChangesAsync(CancellationToken cancellationToken = default) =>
        _changes.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops competing and, when leading, releases the lease so a standby takes over at once.</summary>
    public async Task StopAsync()
    {
        if (_loop is null)
        {
            _changes.Writer.TryComplete();
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        var term = _lease.CurrentTerm;
        if (term is not null)
        {
            try
            {
                await _lease.ReleaseAsync().ConfigureAwait(false);
            }
            catch (SqlPersistenceException exception)
            {
                // The lease then simply expires after its TTL; a standby takes over a little later.
                _logger.LogWarning("Releasing lease {Lease} failed: {Reason}", _lease.Name, exception.Message);
            }

            Publish(false, term.Epoch);
        }

        _changes.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var started = _time.GetTimestamp();
            var term = _lease.CurrentTerm;
            try
            {
                if (term is null)
                {
                    await TryAcquireAsync(started, stopping).ConfigureAwait(false);
                }
                else
                {
                    await RenewAsync(term, started, stopping).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                // An unexpected failure must neither end the loop nor leave a leader that no longer renews.
                _logger.LogError(exception, "Lease {Lease}: election step failed", _lease.Name);
                if (term is not null)
                {
                    Lose(term, "the renewal failed unexpectedly");
                }
            }

            var wait = _renewInterval - _time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task TryAcquireAsync(long started, CancellationToken stopping)
    {
        try
        {
            var term = await _lease.TryAcquireAsync(stopping).ConfigureAwait(false);
            _incidents.Succeeded();
            if (term is not null)
            {
                Interlocked.Exchange(ref _deadline, DeadlineFrom(started));
                _firstRenewal = true;
                Publish(true, term.Epoch);
            }
        }
        catch (SqlPersistenceException exception)
        {
            _incidents.Failed($"lease {_lease.Name} acquisition", exception.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RenewAsync(LeaseTerm term, long started, CancellationToken stopping)
    {
        var remaining = RemainingUntil(_deadline);
        var late = remaining <= TimeSpan.Zero;
        var firstRenewal = _firstRenewal;
        _firstRenewal = false;
        if (late)
        {
            // This loop itself ran late (a stalled process, a starved thread pool): one bounded attempt decides.
            // A renewal the database accepts proves nobody took the lease meanwhile (the epoch is unchanged).
            // Right after an acquisition that waited out a busy database, being late is that wait, already reported.
            _logger.Log(
                firstRenewal || _incidents.IsOpen ? LogLevel.Information : LogLevel.Warning,
                "Lease {Lease}: renewal is {Late:0.0}s past the local deadline; trying once before giving up the term", _lease.Name, -remaining.TotalSeconds);
            remaining = _renewInterval;
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // Task.Run: Microsoft.Data.Sqlite's async calls run synchronously, a busy wait included.
        var renewal = Task.Run(() => _lease.TryRenewAsync(attempt.Token), CancellationToken.None);
        try
        {
            // WaitAsync gives up at the deadline even when the driver ignores cancellation (a SQLite busy wait).
            if (await renewal.WaitAsync(remaining, _time, stopping).ConfigureAwait(false))
            {
                _incidents.Succeeded();
                Interlocked.Exchange(ref _deadline, DeadlineFrom(started));
            }
            else
            {
                Lose(term, "the lease expired or was taken over");
            }
        }
        catch (TimeoutException)
        {
            await attempt.CancelAsync().ConfigureAwait(false);
            _incidents.Failed($"lease {_lease.Name} renewal", "no answer before the local deadline");
            Lose(term, "no renewal succeeded before the local deadline");
            _ = renewal.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }
        catch (SqlPersistenceException exception) when (late)
        {
            _incidents.Failed($"lease {_lease.Name} renewal", exception.Message);
            Lose(term, $"the renewal after the local deadline failed: {exception.Message}");
        }
        catch (SqlPersistenceException exception)
        {
            // Keep trying until the deadline: a short database hiccup must not cost the leadership.
            _incidents.Failed($"lease {_lease.Name} renewal", exception.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _ = renewal.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }
    }

    private void Lose(LeaseTerm term, string reason)
    {
        _lease.Abandon(term);
        // Within a database incident the incident's warning already said why; this is its expected consequence.
        _logger.Log(
            _incidents.IsOpen ? LogLevel.Information : LogLevel.Warning,
            "Lease {Lease}: leadership of epoch {Epoch} lost: {Reason}", _lease.Name, term.Epoch, reason);
        Publish(false, term.Epoch);
    }

    private void Publish(bool isLeader, long epoch) =>
        _changes.Writer.TryWrite(new LeadershipChanged(isLeader, epoch, _lease.HolderId));

    private long DeadlineFrom(long started) =>
        started + (long)((_lease.Ttl - _safetyMargin).TotalSeconds * _time.TimestampFrequency);

    private TimeSpan RemainingUntil(long deadline) =>
        TimeSpan.FromSeconds((double)(deadline - _time.GetTimestamp()) / _time.TimestampFrequency);
}
