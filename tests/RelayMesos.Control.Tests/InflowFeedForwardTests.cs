using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Tests;

/// <summary>
/// Run-to-completion with a measured inflow: <c>relay</c> keeps the consumers the inflow needs at the measured task
/// rate alive, beside its feedback on the backlog; with no inflow it keeps none, and without an inflow source nothing changes.
/// </summary>
public class InflowFeedForwardTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static readonly ControllerSettings Queue = ControllerSettings.Default with { EffectDelay = TimeSpan.FromSeconds(2) };

    /// <summary>Queue depths one second apart (target 0, consumers are coolers), each with its inflow; the last step.</summary>
    private static ControllerStep Run(params (double Depth, int Consumers, double? Inflow)[] samples)
    {
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial;
        ControllerStep? step = null;
        for (var i = 0; i < samples.Length; i++)
        {
            step = controller.Step(state, new ControllerInput(0, samples[i].Depth, T0.AddSeconds(i), RunningCoolers: samples[i].Consumers, Inflow: samples[i].Inflow));
            state = step.State;
        }

        return step!;
    }

    [Fact]
    public void An_empty_queue_with_items_arriving_gets_the_consumers_the_inflow_needs_at_their_measured_rate()
    {
        // Two consumers take 4 items a second each while the queue stands above zero (16 → 8 → 0 with 0 arriving: the
        // task rate is learned), then 12 items a second arrive on an empty queue: three consumers, one is alive.
        var last = Run((16, 2, 0), (8, 2, 0), (0, 1, 0), (0, 1, 12));
        Assert.InRange(last.State.TaskRate, 3.5, 4.5);
        Assert.Equal(-2, last.Decision.Mv);
        Assert.Equal(DecisionReason.Drift, last.Decision.Reason);
    }

    [Fact]
    public void Nothing_arriving_at_an_empty_queue_keeps_no_standby_although_surges_came_before()
    {
        // The learned drift would keep a standby for a minute after these surges; the measured inflow says none is due.
        var last = Run((0, 0, 0), (20, 0, 20), (10, 4, 20), (0, 4, 0), (0, 0, 0), (0, 0, 0));
        Assert.Equal(0, last.Decision.Mv);
        Assert.Equal(0, Run((0, 0, null), (20, 0, null), (10, 4, null), (0, 4, null), (0, 0, null), (0, 0, null)).State.TaskRate, 3);
    }

    [Fact]
    public void A_negative_or_non_finite_inflow_is_a_failed_sample_not_a_control_input()
    {
        var controller = new GuardedRelayController(Queue);
        foreach (var bad in new[] { -1, double.NaN, double.PositiveInfinity })
        {
            Assert.Throws<ArgumentException>(() => controller.Step(ControllerState.Initial, new ControllerInput(0, 3, T0, Inflow: bad)));
        }
    }

    [Fact]
    public void With_an_inflow_relay_starts_only_consumers_and_at_an_empty_queue_no_more_than_the_inflow_needs()
    {
        // Any history of depths, consumers and inflows: MV never starts warmers (they do nothing for a queue), and at a
        // queue that stayed empty over the step it starts at most what the inflow of a step needs at one item a consumer.
        var samples = Gen.Zip(Gen.Zip(Gen.Choose(0, 200), Gen.Choose(0, 30)), Gen.Choose(0, 50)).ArrayOf().ToArbitrary();
        var controller = new GuardedRelayController(Queue with { MaxStep = 0 });
        Prop.ForAll(samples, history =>
        {
            var state = ControllerState.Initial;
            for (var i = 0; i < history.Length; i++)
            {
                var ((depth, consumers), inflow) = history[i];
                var step = controller.Step(state, new ControllerInput(0, depth, T0.AddSeconds(i), RunningCoolers: consumers, Inflow: inflow));
                state = step.State;
                var mv = step.Decision.Mv;
                var emptyOverStep = depth == 0 && i > 0 && history[i - 1].Item1.Item1 == 0;
                if (mv > 0 || (emptyOverStep && -mv > Math.Ceiling(inflow * Queue.Delay.TotalSeconds)))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
