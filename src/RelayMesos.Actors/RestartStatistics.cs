namespace RelayMesos.Actors;

/// <summary>
/// Restarts of one child inside the current time window. Pure: the supervisor feeds it the clock,
/// so the retry arithmetic is testable without timing.
/// </summary>
internal readonly record struct RestartStatistics(int RetriesInWindow, long WindowStartMilliseconds)
{
    /// <summary>
    /// Counts one more restart at <paramref name="nowMilliseconds"/>. A window that has expired starts over, so
    /// a child that fails rarely is never stopped; a negative <paramref name="maxNrOfRetries"/> means unlimited.
    /// </summary>
    public (bool Allowed, RestartStatistics Next) RequestRestart(int maxNrOfRetries, TimeSpan withinTimeRange, long nowMilliseconds)
    {
        if (maxNrOfRetries == 0)
        {
            return (false, this);
        }

        var current = this;
        var windowed = withinTimeRange > TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan;
        if (windowed && current.RetriesInWindow > 0 && nowMilliseconds - current.WindowStartMilliseconds > withinTimeRange.TotalMilliseconds)
        {
            current = default;
        }

        var next = new RestartStatistics(
            current.RetriesInWindow + 1,
            current.RetriesInWindow == 0 ? nowMilliseconds : current.WindowStartMilliseconds);
        return (maxNrOfRetries < 0 || next.RetriesInWindow <= maxNrOfRetries, next);
    }
}
