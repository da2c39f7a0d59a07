namespace RelayMesos.Failover.Membership;

/// <summary>
/// The stalls of a ticker that should wake every few hundred milliseconds, on a monotonic clock: a wake-up at least
/// <c>threshold</c> after the one before means nothing ran in between. Pure (positions are times on one clock), so the
/// thread that ticks is all <see cref="ProcessStallWatch"/> adds. Not thread-safe: the watch serialises access.
/// </summary>
public sealed class StallRecord(TimeSpan threshold)
{
    private TimeSpan? _lastTick;
    private ProcessStall? _latest;
    private TimeSpan? _reported;

    public TimeSpan Threshold => threshold;

    public void Tick(TimeSpan now)
    {
        if (_lastTick is { } last && now - last >= threshold)
        {
            _latest = new ProcessStall(last, now - last);
        }

        _lastTick = now;
    }

    /// <summary>
    /// The stall going on at <paramref name="now"/> (no tick for the threshold: whoever asks has just woken up before
    /// the ticker), else the latest one if it ended within <paramref name="window"/>; null when there is neither.
    /// </summary>
    public ProcessStall? Recent(TimeSpan now, TimeSpan window)
    {
        if (_lastTick is { } last && now - last >= threshold)
        {
            return new ProcessStall(last, now - last);
        }

        return _latest is { } latest && now - latest.End <= window ? latest : null;
    }

    /// <summary>
    /// True the first time a stall (known by when it began) is reported: that caller's line is the warning for it, and
    /// every later line about the same stall is its consequence.
    /// </summary>
    public bool TryReport(ProcessStall stall)
    {
        if (_reported == stall.Start)
        {
            return false;
        }

        _reported = stall.Start;
        return true;
    }
}
