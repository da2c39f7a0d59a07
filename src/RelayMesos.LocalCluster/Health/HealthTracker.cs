namespace RelayMesos.LocalCluster.Health;

/// <summary>
/// Mesos' health-check bookkeeping, free of I/O and clocks: failures inside the grace period are ignored
/// until the first success ends it, every change of health is reported once, and the task is to be killed
/// when the failures in a row reach the limit.
/// </summary>
public sealed class HealthTracker(DateTimeOffset startedAt, TimeSpan gracePeriod, int consecutiveFailuresToKill)
{
    private bool initializing = true;
    private bool? healthy;
    private int consecutiveFailures;

    public bool? Healthy => healthy;

    public HealthVerdict Observe(bool passed, DateTimeOffset at)
    {
        if (passed)
        {
            initializing = false;
            consecutiveFailures = 0;
            return Change(true);
        }

        if (initializing && at - startedAt < gracePeriod)
        {
            return HealthVerdict.Nothing(consecutiveFailures);
        }

        consecutiveFailures++;
        var verdict = Change(false);
        return consecutiveFailures >= Math.Max(1, consecutiveFailuresToKill) ? verdict with { Kill = true } : verdict;
    }

    private HealthVerdict Change(bool now)
    {
        var changed = healthy != now;
        healthy = now;
        return new HealthVerdict(changed ? now : null, false, consecutiveFailures);
    }
}
