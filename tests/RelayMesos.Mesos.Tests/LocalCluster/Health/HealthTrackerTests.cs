using FsCheck;
using FsCheck.Fluent;
using RelayMesos.LocalCluster.Health;

namespace RelayMesos.Mesos.Tests.LocalCluster.Health;

public sealed class HealthTrackerTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failures_inside_the_grace_period_are_ignored_until_the_first_success()
    {
        var tracker = new HealthTracker(Start, TimeSpan.FromSeconds(10), consecutiveFailuresToKill: 1);

        Assert.Equal(HealthVerdict.Nothing(0), tracker.Observe(false, Start.AddSeconds(5)));
        Assert.Null(tracker.Healthy);
        Assert.Equal(new HealthVerdict(true, false, 0), tracker.Observe(true, Start.AddSeconds(6)));
        // The first success ends the grace period even though its time is not up.
        Assert.Equal(new HealthVerdict(false, true, 1), tracker.Observe(false, Start.AddSeconds(7)));
    }

    [Fact]
    public void A_failure_after_the_grace_period_counts_even_without_a_success()
    {
        var tracker = new HealthTracker(Start, TimeSpan.FromSeconds(10), consecutiveFailuresToKill: 3);

        Assert.Equal(new HealthVerdict(false, false, 1), tracker.Observe(false, Start.AddSeconds(10)));
        Assert.Equal(HealthVerdict.Nothing(2), tracker.Observe(false, Start.AddSeconds(11)));
        Assert.Equal(new HealthVerdict(null, true, 3), tracker.Observe(false, Start.AddSeconds(12)));
    }

    [Fact]
    public void A_success_resets_the_run_of_failures_and_is_reported_as_a_change()
    {
        var tracker = new HealthTracker(Start, TimeSpan.Zero, consecutiveFailuresToKill: 2);

        Assert.Equal(new HealthVerdict(true, false, 0), tracker.Observe(true, Start));
        Assert.Equal(HealthVerdict.Nothing(0), tracker.Observe(true, Start));
        Assert.Equal(new HealthVerdict(false, false, 1), tracker.Observe(false, Start));
        Assert.Equal(new HealthVerdict(true, false, 0), tracker.Observe(true, Start));
        Assert.Equal(new HealthVerdict(false, false, 1), tracker.Observe(false, Start));
        Assert.Equal(new HealthVerdict(null, true, 2), tracker.Observe(false, Start));
    }

    [Fact]
    public void Reports_are_exactly_the_changes_and_the_kill_comes_exactly_at_the_limit()
    {
        Prop.ForAll(
            Gen.ListOf(ArbMap.Default.GeneratorFor<bool>()).ToArbitrary(),
            Gen.Choose(1, 5).ToArbitrary(),
            (results, limit) =>
            {
                var tracker = new HealthTracker(Start, TimeSpan.Zero, limit);
                bool? last = null;
                var run = 0;
                foreach (var passed in results)
                {
                    var verdict = tracker.Observe(passed, Start);
                    run = passed ? 0 : run + 1;
                    var expectedReport = last == passed ? (bool?)null : passed;
                    last = passed;
                    if (verdict.Report != expectedReport || verdict.Kill != (run >= limit) || verdict.ConsecutiveFailures != run)
                    {
                        return false;
                    }

                    if (verdict.Kill)
                    {
                        break;
                    }
                }

                return true;
            }).QuickCheckThrowOnFailure();
    }
}
