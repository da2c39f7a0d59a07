using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Tests;

/// <summary>
/// Issue 13: <c>relay</c> must learn a drift only from steps where no task of its own acts or has just been
/// launched, and a drift learned wrongly must fade.
/// </summary>
public class DriftLearningTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Its_own_first_launch_is_not_learned_as_drift()
    {
        // The demo: the metric counts running warmers, the target is 4. Step 1 launches 4; at step 2 they are
        // already running (effect delay 0) and the table has not caught up yet, so PV jumped with no task counted.
        var controller = new GuardedRelayController(ControllerSettings.Default);
        var first = controller.Step(ControllerState.Initial, new ControllerInput(4, 0, T0));
        Assert.Equal(4, first.Decision.Mv);

        var second = controller.Step(first.State, new ControllerInput(4, 4, T0.AddSeconds(1)));
        Assert.Equal(0, second.State.Drift);
    }

    [Fact]
    public void Tasks_still_in_flight_are_acting_too()
    {
        // A consumer launched two steps ago is starting (in flight) while the queue drops: not the queue's own drift.
        var controller = new GuardedRelayController(ControllerSettings.Default);
        var state = ControllerState.Initial with { LastError = -10, LastMv = 0 };
        var step = controller.Step(state, new ControllerInput(0, 4, T0, InFlightCoolers: 2));
        step = controller.Step(step.State, new ControllerInput(0, 0, T0.AddSeconds(1), InFlightCoolers: 2));
        Assert.Equal(0, step.State.Drift);
    }

    [Fact]
    public void A_drift_learned_wrongly_fades_while_it_cannot_be_measured()
    {
        // A state persisted by an older version: drift −1, then the metric sits on its target with tasks running
        // (so no step is clean enough to re-measure it). The stream must not keep launching on it for ever.
        var controller = new GuardedRelayController(ControllerSettings.Default);
        var state = ControllerState.Initial with { Drift = -1 };
        var drifts = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            var step = controller.Step(state, new ControllerInput(2, 2, T0.AddSeconds(i), RunningWarmers: 2));
            state = step.State;
            drifts.Add(step.Decision.Reason == DecisionReason.Drift ? 1 : 0);
        }

        Assert.True(Math.Abs(state.Drift) < 0.5, $"drift still {state.Drift} after a minute without evidence");
        Assert.Equal(0, drifts.Skip(30).Sum());
    }

    /// <summary>
    /// A plant with no inflow of its own: the metric moves only through our tasks (warmers raise it, coolers lower it),
    /// each of which shows up in the task table one or two steps after the step that asked for it, is in flight for a
    /// while, then running, and moves the metric by random amounts while it is in flight or running.
    /// </summary>
    [Fact]
    public void A_plant_with_zero_inflow_never_yields_a_drift_decision_whatever_was_launched()
    {
        var plants = Gen.Zip(Gen.Zip(Gen.Choose(0, 40), Gen.Choose(0, int.MaxValue)), Gen.Elements(0.0, 1, 3)).Select(t => (Start: t.Item1.Item1, Seed: t.Item1.Item2, EffectDelay: t.Item2)).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(plants, plant =>
        {
            var (start, seed, effectDelay) = plant;
            var random = new Random(seed);
            var controller = new GuardedRelayController(ControllerSettings.Default with { EffectDelay = TimeSpan.FromSeconds(effectDelay) });
            var state = ControllerState.Initial;
            var metric = (double)start;
            var tasks = new List<SimulatedTask>();
            for (var i = 0; i < 120; i++)
            {
                var target = random.Next(4) == 0 ? random.Next(0, 10) : 0;
                var shown = tasks.Where(t => t.ShownAt <= i && t.EndsAt > i).ToList();
                var input = new ControllerInput(
                    target, metric, T0.AddSeconds(i),
                    RunningWarmers: shown.Count(t => t.Warmer && t.RunningAt <= i),
                    InFlightWarmers: shown.Count(t => t.Warmer && t.RunningAt > i),
                    RunningCoolers: shown.Count(t => !t.Warmer && t.RunningAt <= i),
                    InFlightCoolers: shown.Count(t => !t.Warmer && t.RunningAt > i));
                var step = controller.Step(state, input);
                state = step.State;
                if (step.Decision.Reason == DecisionReason.Drift)
                {
                    return false.Label($"step {i}: Drift with MV {step.Decision.Mv}, learned drift {state.Drift}");
                }

                for (var n = 0; n < Math.Abs(step.Decision.Mv); n++)
                {
                    var shownAt = i + random.Next(1, 3);
                    var runningAt = shownAt + random.Next(0, 4);
                    tasks.Add(new SimulatedTask(step.Decision.Mv > 0, shownAt, runningAt, runningAt + random.Next(1, 10)));
                }

                // Only our tasks move the metric, and only once they exist (launched, whether counted yet or not).
                foreach (var t in tasks.Where(t => t.ShownAt - 1 <= i && t.EndsAt > i))
                {
                    metric = Math.Max(0, metric + (t.Warmer ? 1 : -1) * random.Next(0, 3));
                }
            }

            return true.ToProperty();
        }));
    }

    private sealed record SimulatedTask(bool Warmer, int ShownAt, int RunningAt, int EndsAt);
}
