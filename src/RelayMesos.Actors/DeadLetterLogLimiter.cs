namespace RelayMesos.Actors;

/// <summary>
/// Lets a burst of dead letters through to the log, then only a count per window, so a flood of
/// undeliverable messages cannot drown the log. Pure apart from the clock it is handed.
/// </summary>
internal sealed class DeadLetterLogLimiter(int maxPerWindow, TimeSpan window)
{
    private readonly object _gate = new();
    private long _windowStart = long.MinValue;
    private int _logged;
    private int _suppressed;

    /// <summary>Whether to log this one, and how many were suppressed in the window that just ended.</summary>
    public (bool Log, int SuppressedBefore) Next(long nowMilliseconds)
    {
        lock (_gate)
        {
            var suppressedBefore = 0;
            if (_windowStart == long.MinValue || nowMilliseconds - _windowStart >= window.TotalMilliseconds)
            {
                suppressedBefore = _suppressed;
                _windowStart = nowMilliseconds;
                _logged = 0;
                _suppressed = 0;
            }

            if (_logged < maxPerWindow)
            {
                _logged++;
                return (true, suppressedBefore);
            }

            _suppressed++;
            return (false, suppressedBefore);
        }
    }
}
