using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Tests;

/// <summary>
/// Run-to-completion: <c>relay</c> learns the metric's own drift from the steps where none of its tasks could have
/// made the move, and keeps the tasks alive that answer it, even at zero error.
/// </summary>
public class DriftStreamTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static readonly ControllerSettings Queue = ControllerSettings.Default with { EffectDelay = TimeSpan.FromSeconds(3) };

    /// <summary>Feeds queue depths one second apart (target 0, consumers are coolers); returns the last step.</summary>
    private static ControllerStep Run(ControllerSettings settings, params (double Depth, int Consumers)[] samples)
    {
        var controller = new GuardedRelayController(settings);
        var state = ControllerState.Initial;
        ControllerStep? step = null;
        for (var i = 0; i < samples.Length; i++)
        {
            step = controller.Step(state, new ControllerInput(0, samples[i].Depth, T0.AddSeconds(i), RunningCoolers: samples[i].Consumers));
            state = step.State;
        }

        return step!;
    }

    [Fact]
    public void A_queue_that_refills_on_its_own_keeps_consumers_starting_when_it_is_empty()
    {
        // Nobody consumes while the queue grows by five a second: that is its inflow. Then consumers drain it.
        // Nobody consumes while the queue grows by five in a second: that is its inflow. Only a step after which
        // nothing was launched and nothing of ours ran says so (issue 13), so each refill teaches once; then the
        // consumers launched for it drain the queue, leave, and after a quiet spell the queue refills again.
        (double, int)[] refill = [(0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (5, 0), (0, 2)];
        var last = Run(Queue, [.. refill, .. refill, .. refill, .. refill, .. refill, (0, 0)]);

        // Five lessons of −5 make 5·(1 − 0.7⁵) ≈ 4.2, less what fades on the quiet steps in between.
        Assert.InRange(last.State.Drift, -5.0, -1.5);
        Assert.Equal(DecisionReason.Drift, last.Decision.Reason);
        Assert.InRange(last.Decision.Mv, -5, -2);
    }

    [Fact]
    public void Growth_seen_while_consumers_work_is_not_taken_for_inflow()
    {
        var last = Run(Queue, (0, 3), (5, 3), (10, 3), (15, 3), (20, 3), (0, 3));

        Assert.Equal(0, last.State.Drift);
        Assert.Equal(0, last.Decision.Mv);
    }

    [Fact]
    public void A_drained_queue_that_gets_nothing_new_launches_nothing()
    {
        var last = Run(Queue, (60, 0), (40, 0), (20, 0), (0, 0), (0, 0), (0, 0));

        Assert.Equal(0, last.Decision.Mv);
    }

    [Fact]
    public void Growth_while_the_consumers_launched_for_it_still_start_is_learned_as_inflow()
    {
        // Issue 16: a burst meets nobody; what the queue gains while the consumers launched for it start is the
        // burst's inflow, the one moment a controller reading the queue alone can see it.
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial;
        (double Depth, int Starting, int Running)[] samples = [(0, 0, 0), (0, 0, 0), (6, 0, 0), (12, 3, 0), (18, 6, 0), (10, 0, 6)];
        for (var i = 0; i < samples.Length; i++)
        {
            var (depth, starting, running) = samples[i];
            state = controller.Step(state, new ControllerInput(0, depth, T0.AddSeconds(i), RunningCoolers: running, InFlightCoolers: starting)).State;
        }

        // The first lesson counts 0.3, the two that show a stronger surge 0.7 each: −1.8, −4.74, −5.62; the step on
        // which consumers served teaches nothing (it fades by 2%).
        Assert.InRange(state.Drift, -5.6, -5.4);
    }

    [Fact]
    public void Growth_despite_busy_consumers_of_measured_rate_adds_their_work_to_the_inflow()
    {
        // Queue 3 → 6 while 2 consumers served all step at 2 items a step: the inflow was 3 + 2·2 = 7 a step.
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial with { Targets = [0], LastError = -3, LastServing = 2, LastCoolers = 2, TaskRate = 2, Drift = -7 };
        var busy = controller.Step(state, new ControllerInput(0, 6, T0, RunningCoolers: 2));
        Assert.Equal(-7, busy.State.Drift, 6);

        // The same growth from an empty queue says nothing: the consumers may have idled at the start.
        var idled = controller.Step(state with { LastError = 0 }, new ControllerInput(0, 3, T0, RunningCoolers: 2));
        Assert.Equal(-7 * 0.98, idled.State.Drift, 6);
    }

    [Fact]
    public void Warmers_that_end_under_a_metric_counting_them_are_not_a_drift()
    {
        // The demo: the metric counts running warmers, the target is 6. Two of five end during the step: the metric
        // falls by two, below the target at both ends, with warmers effective. That is our tasks ending.
        var controller = new GuardedRelayController(ControllerSettings.Default);
        var state = ControllerState.Initial with { Targets = [6], LastError = 1, LastServing = -5, LastWarmers = 5, TaskRate = 0.2 };
        var step = controller.Step(state, new ControllerInput(6, 3, T0, RunningWarmers: 3));
        Assert.Equal(0, step.State.Drift);
    }

    [Theory]
    [InlineData(2, -6)]
    [InlineData(0.8, -12)]
    public void A_backlog_gets_one_task_per_task_rate_units_once_a_task_clears_more_than_one_a_step(double taskRate, int expected)
    {
        // Issue 16: 12 items waiting for consumers that take 2 items a step need 6 of them, not 12. A task measured
        // slower than one unit a step keeps Relay's unit (one task per unit of error).
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial with { Targets = [0], LastError = -12, TaskRate = taskRate };
        var step = controller.Step(state, new ControllerInput(0, 12, T0));
        Assert.Equal(expected, step.Decision.Mv);
    }

    [Fact]
    public void Growth_while_warmers_of_ours_are_around_is_not_taken_for_inflow()
    {
        // A warmer raises the metric too: with one starting, a rise may be ours.
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial with { Targets = [0], LastError = 0 };
        var step = controller.Step(state, new ControllerInput(0, 6, T0, InFlightWarmers: 1, InFlightCoolers: 2));
        Assert.Equal(0, step.State.Drift);
    }

    [Fact]
    public void The_stream_keeps_capacity_alive_at_zero_error_until_the_drift_fades()
    {
        // Inflow learned from a surge, then the queue stays empty and the consumers leave: the stream keeps consumers
        // starting against the next surge for as long as the drift lasts (2% fade a step), then stops for good.
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial;
        foreach (var (depth, i) in new double[] { 0, 6, 12, 18 }.Select((d, i) => (d, i)))
        {
            state = controller.Step(state, new ControllerInput(0, depth, T0.AddSeconds(i))).State;
        }

        var launches = new List<int>();
        for (var i = 4; i < 400; i++)
        {
            var step = controller.Step(state, new ControllerInput(0, 0, T0.AddSeconds(i)));
            state = step.State;
            launches.Add(-step.Decision.Mv);
        }

        // Long past the lead time (4 steps here), which is where the stream used to stop.
        Assert.True(launches.Skip(10).Take(50).Sum() > 0, "the stream stopped once the queue had been empty for the lead time");
        Assert.Equal(0, launches.Skip(200).Sum());
    }

    [Theory]
    [InlineData(false, ControllerMode.RunToCompletion)]
    [InlineData(true, ControllerMode.LongRunning)]
    public void Turned_off_or_long_running_there_is_no_stream(bool driftStream, ControllerMode mode)
    {
        var last = Run(Queue with { DriftStream = driftStream, Mode = mode }, (0, 0), (5, 0), (10, 0), (15, 0), (20, 5), (0, 0));

        // A pool would clip a cooling MV at zero instances anyway; the drift itself must not be learned.
        Assert.Equal(0, last.State.Drift);
        Assert.Equal(0, last.Decision.Mv);
    }

    [Fact]
    public void A_drift_learned_before_the_stream_was_turned_off_is_not_acted_on()
    {
        // The state is persisted: a leader that restarts with drift-stream = off inherits the drift learned before.
        var learned = Run(Queue, (0, 0), (5, 0), (10, 0), (15, 0), (20, 5)).State;
        Assert.NotEqual(0, learned.Drift);

        var off = new GuardedRelayController(Queue with { DriftStream = false })
            .Step(learned, new ControllerInput(0, 0, T0.AddSeconds(5)));

        Assert.Equal(0, off.Decision.Mv);
        Assert.Equal(0, off.State.Drift);
    }

    [Fact]
    public void A_metric_that_only_ever_falls_towards_the_target_never_starts_a_stream()
    {
        // Relay.Mesos' queue example without producers: whatever the consumers and the pace, once the queue is
        // empty nothing more is launched.
        var samples = Gen.Zip(Gen.Choose(0, 20), Gen.Choose(0, 3)).ArrayOf().ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(samples, drops =>
        {
            var depth = drops.Sum(d => d.Item1) + 1.0;
            var sequence = drops.Select(d => (depth -= d.Item1, d.Item2)).Append((0, 0)).Append((0, 0)).ToArray();
            return Run(Queue, sequence).Decision.Mv == 0;
        }));
    }

    [Theory]
    [InlineData(0, -4)]
    [InlineData(2, -2)]
    [InlineData(4, 0)]
    [InlineData(9, 0)]
    public void Live_consumers_count_against_the_stream(int alive, int expected)
    {
        // Issue 16: consumers that outlive their item (idle, or still starting) keep draining; the stream only tops
        // them up to the learned drift instead of starting a fresh set every step.
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial with { Drift = -4, Window = [-3, -2], LastError = -2, Targets = [0], LastMv = -1 };
        var step = controller.Step(state, new ControllerInput(0, 0, T0, RunningCoolers: alive / 2, InFlightCoolers: alive - alive / 2));
        Assert.Equal(expected, step.Decision.Mv);
    }

    [Fact]
    public void A_consumer_s_rate_is_learned_from_steps_where_it_never_ran_out_of_work()
    {
        // Two consumers effective while the queue stays above target and falls by 3 a step, on an inflow of 1 a
        // step: each takes (3 + 1) / 2 = 2 items a step. A step that ends on an empty queue says nothing (they may
        // have idled), nor does one where nothing of ours served. (The drift fades by 2% on a busy step: 1.99.)
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial with { Drift = -1, Targets = [0], LastError = -20, LastServing = 2 };
        var step = controller.Step(state, new ControllerInput(0, 17, T0, RunningCoolers: 2));
        Assert.InRange(step.State.TaskRate, 1.98, 2);

        var emptied = controller.Step(step.State, new ControllerInput(0, 0, T0.AddSeconds(1), RunningCoolers: 2));
        Assert.Equal(step.State.TaskRate, emptied.State.TaskRate);

        var idle = controller.Step(state with { LastServing = 0 }, new ControllerInput(0, 17, T0));
        Assert.Equal(0, idle.State.TaskRate);

        // Six more came up during the step and served part of it: on average four served, 1 item a step each.
        var joined = controller.Step(state, new ControllerInput(0, 17, T0, RunningCoolers: 6));
        Assert.InRange(joined.State.TaskRate, 0.99, 1);
    }

    [Theory]
    [InlineData(0, -2)]
    [InlineData(1, -1)]
    [InlineData(2, 0)]
    public void With_a_measured_rate_the_stream_keeps_inflow_over_rate_consumers_alive(int alive, int expected)
    {
        // Issue 16: a drift of 4 items a step at 2 items a step per consumer needs 2 consumers alive, counting the live
        // ones, instead of one per item.
        var controller = new GuardedRelayController(Queue);
        var state = ControllerState.Initial with { Drift = -4, TaskRate = 2, Window = [-3, -2], LastError = -2, Targets = [0], LastMv = -1 };
        var step = controller.Step(state, new ControllerInput(0, 0, T0, RunningCoolers: alive / 2, InFlightCoolers: alive - alive / 2));
        Assert.Equal(expected, step.Decision.Mv);
    }
}
