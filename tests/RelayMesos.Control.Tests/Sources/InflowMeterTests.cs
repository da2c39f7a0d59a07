using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Control.Sources;

namespace RelayMesos.Control.Tests.Sources;

/// <summary><c>relay.inflow</c>'s samples as a rate: taken as they are, or a counter differenced (resets included).</summary>
public class InflowMeterTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_counter_is_differenced_over_the_time_between_its_samples_and_the_first_gives_no_rate()
    {
        var meter = new InflowMeter(InflowKind.Counter);
        (meter, var first) = meter.Read(1000, T0);
        (meter, var second) = meter.Read(1012, T0.AddSeconds(2));
        (_, var third) = meter.Read(1012, T0.AddSeconds(3));
        Assert.Equal((null, 6.0, 0.0), (first, second, third));
    }

    [Fact]
    public void A_counter_that_went_down_was_reset_and_counts_from_zero()
    {
        var meter = new InflowMeter(InflowKind.Counter);
        (meter, _) = meter.Read(5000, T0);
        (meter, var reset) = meter.Read(8, T0.AddSeconds(2));
        (_, var after) = meter.Read(20, T0.AddSeconds(3));
        Assert.Equal((4.0, 12.0), (reset, after));
    }

    [Fact]
    public void A_rate_is_taken_as_it_is_and_a_negative_or_failed_sample_gives_none()
    {
        var rate = new InflowMeter(InflowKind.Rate);
        Assert.Equal(7.5, rate.Read(7.5, T0).Rate);
        Assert.Null(rate.Read(-1, T0).Rate);
        Assert.Null(rate.Read(double.NaN, T0).Rate);

        // A bad sample between two good counter samples: the difference spans both steps.
        var counter = new InflowMeter(InflowKind.Counter);
        (counter, _) = counter.Read(10, T0);
        (counter, var bad) = counter.Read(double.NaN, T0.AddSeconds(1));
        Assert.Null(bad);
        Assert.Equal(5.0, counter.Read(20, T0.AddSeconds(2)).Rate);
    }

    [Fact]
    public void Over_any_counter_history_the_rate_is_never_negative_never_invents_arrivals_and_without_resets_integrates_to_them()
    {
        // Each step: seconds to the next sample (1..5) and what arrived (0..100); a reset now and then restarts the count.
        var steps = Gen.Zip(Gen.Zip(Gen.Choose(1, 5), Gen.Choose(0, 100)), Gen.Elements(false, false, false, true)).ArrayOf().ToArbitrary();
        Prop.ForAll(steps, history =>
        {
            var meter = new InflowMeter(InflowKind.Counter);
            var (count, at, integrated, arrived, resets) = (0.0, T0, 0.0, 0.0, 0);
            (meter, _) = meter.Read(count, at);
            foreach (var ((seconds, added), reset) in history)
            {
                count = (reset ? 0 : count) + added;
                resets += reset ? 1 : 0;
                at = at.AddSeconds(seconds);
                arrived += added;
                (meter, var rate) = meter.Read(count, at);
                if (rate is not { } r || r < 0)
                {
                    return false;
                }

                integrated += r * seconds;
            }

            // A reset never invents arrivals; one that the new count already outgrew cannot be seen and loses the
            // count from before it (as with Prometheus' rate()).
            var tolerance = 1e-6 * Math.Max(1, arrived);
            return resets == 0 ? Math.Abs(integrated - arrived) < tolerance : integrated <= arrived + tolerance;
        }).QuickCheckThrowOnFailure();
    }
}
