using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RelayMesos.Failover;

/// <summary>
/// One warning line per database incident. A database that is locked, read-only or gone fails every lease renewal,
/// lease read and journal write until it is back; each of those reports here, and only the first failure of an
/// incident is a warning (the others go to debug). The incident ends at the next successful write (a lease renewal
/// or a journaled step), which is one information line. Reads do not end it: a read-only database still reads.
/// </summary>
public sealed class DatabaseIncidentLog(ILogger? logger = null, TimeProvider? time = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private long? _openedAt;
    private string _latest = "";

    /// <summary>True from the first failure of an incident to the next successful write.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _openedAt is not null;
            }
        }
    }

    /// <summary>
    /// While an incident is open, why, for an operator asking (<c>/readyz</c>): how long the database has been away and
    /// its latest failure; null otherwise.
    /// </summary>
    public string? Why
    {
        get
        {
            lock (_gate)
            {
                return _openedAt is { } opened
                    ? $"the database has been unavailable for {_time.GetElapsedTime(opened).TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} s ({_latest}); the controller does not act until it is back"
                    : null;
            }
        }
    }

    /// <param name="operation">What failed, e.g. "lease renewal" or "journal write".</param>
    /// <param name="reason">The driver's one-line message (never a stack trace, never a connection string).</param>
    public void Failed(string operation, string reason)
    {
        lock (_gate)
        {
            _latest = $"{operation}: {reason.TrimEnd().TrimEnd('.')}";
            if (_openedAt is not null)
            {
                _logger.LogDebug("Database still unavailable ({Operation}): {Reason}", operation, reason);
                return;
            }

            _openedAt = _time.GetTimestamp();
        }

        // Drivers end their messages with a full stop more often than not; the sentence goes on after the reason.
        _logger.LogWarning(
            "Database unavailable ({Operation}): {Reason}. The controller does not act until it is back; retrying by itself.",
            operation, reason.TrimEnd().TrimEnd('.'));
    }

    /// <summary>A write went through: ends the open incident, if any.</summary>
    public void Succeeded()
    {
        TimeSpan lasted;
        lock (_gate)
        {
            if (_openedAt is not { } opened)
            {
                return;
            }

            _openedAt = null;
            lasted = _time.GetElapsedTime(opened);
        }

        _logger.LogInformation("Database available again after {Seconds:0.0} s.", lasted.TotalSeconds);
    }
}
