using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Failover.Membership;

namespace RelayMesos.Host.Tests.Running;

public sealed class StallRecordTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(2);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_process_that_ticked_on_time_never_stalled()
    {
        var record = new StallRecord(Threshold);
        for (var t = 0.0; t <= 10; t += 0.1)
        {
            record.Tick(S(t));
        }

        Assert.Null(record.Recent(S(10.05), TimeSpan.MaxValue));
    }

    [Fact]
    public void A_frozen_process_is_in_a_stall_before_its_ticker_wakes_and_after()
    {
        var record = new StallRecord(Threshold);
        record.Tick(S(1));

        // Whoever asks first after the thaw finds the stall going on.
        Assert.Equal(new ProcessStall(S(1), S(14)), record.Recent(S(15), S(10)));

        record.Tick(S(15.01));
        Assert.Equal(new ProcessStall(S(1), S(14.01)), record.Recent(S(16), S(10)));
        for (var t = 15.1; t <= 25.05; t += 0.1)
        {
            record.Tick(S(t));
        }

        // Ten seconds on, it is history.
        Assert.Null(record.Recent(S(25.1), S(10)));
    }

    [Fact]
    public void A_stall_is_reported_once_whoever_reports_it_first()
    {
        var record = new StallRecord(Threshold);
        record.Tick(S(1));
        var going = record.Recent(S(15), S(10))!.Value;
        record.Tick(S(15.01));
        var ended = record.Recent(S(16), S(10))!.Value;

        Assert.True(record.TryReport(going));
        Assert.False(record.TryReport(ended));

        record.Tick(S(20));
        Assert.True(record.TryReport(record.Recent(S(20), S(10))!.Value));
    }

    [Fact]
    public void The_latest_stall_is_the_last_gap_at_least_the_threshold_long()
    {
        var gaps = Gen.Choose(1, 5000).Select(ms => TimeSpan.FromMilliseconds(ms)).ListOf();
        Prop.ForAll(Arb.From(gaps), steps =>
        {
            var record = new StallRecord(Threshold);
            var now = TimeSpan.Zero;
            record.Tick(now);
            ProcessStall? expected = null;
            foreach (var gap in steps)
            {
                if (gap >= Threshold)
                {
                    expected = new ProcessStall(now, gap);
                }

                now += gap;
                record.Tick(now);
            }

            return record.Recent(now, TimeSpan.MaxValue) == expected;
        }).QuickCheckThrowOnFailure();
    }
}
