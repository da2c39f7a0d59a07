namespace RelayMesos.Control.Sources;

/// <summary>
/// The failure policy as a pure function. An outage never reads as a zero: it skips, holds, falls back to a
/// configured demand, or pauses — always visibly, with the reason.
/// </summary>
public static class SampleFailurePolicy
{
    public static (FailureTracker Tracker, SampleOutcome Outcome) Apply(
        FailurePolicySettings settings, FailureTracker tracker, SampleResult target, SampleResult metric)
    {
        if (target.Succeeded && metric.Succeeded)
        {
            return (new FailureTracker(0, target.Value, metric.Value), new SampleOutcome.Use(target.Value, metric.Value));
        }

        var reason = string.Join("; ", new[] { ("target", target), ("metric", metric) }
            .Where(s => !s.Item2.Succeeded)
            .Select(s => $"{s.Item1}: {s.Item2.Failure}"));
        var failed = tracker with { ConsecutiveFailures = tracker.ConsecutiveFailures + 1 };
        if (settings.PauseAfter > 0 && failed.ConsecutiveFailures >= settings.PauseAfter)
        {
            return (failed, new SampleOutcome.Pause($"{failed.ConsecutiveFailures} failed samples in a row ({reason})"));
        }

        SampleOutcome outcome = settings.Kind switch
        {
            FailurePolicyKind.Fallback => new SampleOutcome.Fallback(settings.FallbackDemand, reason),
            FailurePolicyKind.Hold when Held(target, tracker.LastTarget) is { } sp && Held(metric, tracker.LastMetric) is { } pv =>
                new SampleOutcome.Use(sp, pv),
            _ => new SampleOutcome.Skip(reason),
        };
        return (failed, outcome);
    }

    private static double? Held(SampleResult sample, double? last) => sample.Succeeded ? sample.Value : last;
}
