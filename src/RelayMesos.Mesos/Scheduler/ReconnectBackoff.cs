namespace RelayMesos.Mesos.Scheduler;

/// <summary>Exponential backoff with jitter, so a fleet of schedulers does not reconnect in lockstep.</summary>
public static class ReconnectBackoff
{
    /// <summary>
    /// The delay before retry number <paramref name="attempt"/> (0-based): half of min·2^attempt
    /// (capped at max) plus a random share of the other half.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max, double random)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30)));
        var jitter = Math.Clamp(random, 0, 1);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * jitter));
    }
}
