namespace RelayMesos.Actors;

/// <summary>
/// Exponential delay before a restart, so a child whose dependency is down does not hammer it:
/// <c>min(max, min·2^attempt) · (1 + random·RandomFactor)</c>. The jitter spreads restarts of many siblings.
/// </summary>
public sealed class RestartBackoff
{
    public RestartBackoff(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, minBackoff);
        if (double.IsNaN(randomFactor) || randomFactor < 0 || randomFactor > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "The random factor must be between 0 and 1.");
        }

        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
    }

    public TimeSpan MinBackoff { get; }

    public TimeSpan MaxBackoff { get; }

    public double RandomFactor { get; }

    /// <summary>The delay before restart number <paramref name="attempt"/> (0 = first), given a uniform <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan DelayFor(int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var exponent = Math.Min(attempt, 62);
        var baseTicks = Math.Min((double)MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, exponent));
        var jittered = baseTicks * (1 + (Math.Clamp(random, 0, 1) * RandomFactor));
        return TimeSpan.FromTicks((long)Math.Min(jittered, TimeSpan.MaxValue.Ticks));
    }
}
