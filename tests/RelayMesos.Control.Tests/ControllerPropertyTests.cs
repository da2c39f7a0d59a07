using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Tests;

public class ControllerPropertyTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static readonly Arbitrary<double> Errors =
        Gen.Choose(-100_000, 100_000).Select(i => i / 100.0).ToArbitrary();

    [Theory]
    [InlineData(ControllerAlgorithm.Relay)]
    [InlineData(ControllerAlgorithm.RelayClassic)]
    [InlineData(ControllerAlgorithm.Proportional)]
    public void With_an_empty_history_the_sign_of_mv_follows_the_error(ControllerAlgorithm algorithm)
    {
        var controller = ControllerFactory.Create(ControllerSettings.Default with { Algorithm = algorithm, MaxStep = 0 });
        Prop.ForAll(Errors, err =>
        {
            var mv = controller.Step(ControllerState.Initial, new ControllerInput(err, 0, T0)).Decision.Mv;
            return Math.Abs(err) >= 1 ? Math.Sign(mv) == Math.Sign(err) : mv == 0 || Math.Sign(mv) == Math.Sign(err);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Clamp_and_instance_bounds_always_hold()
    {
        var settings = ControllerSettings.Default with
        {
            Mode = ControllerMode.LongRunning,
            MaxStep = 7,
            MinInstances = 2,
            MaxInstances = 40,
            Lookback = 64,
        };
        var controller = new GuardedRelayController(settings);
        var steps = Gen.Zip(Gen.Choose(-200, 200), Gen.Choose(2, 40)).ArrayOf().ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(steps, sequence =>
        {
            var state = ControllerState.Initial;
            foreach (var (err, running) in sequence)
            {
                var inFlight = running / 4;
                var step = controller.Step(state, new ControllerInput(err, 0, T0, RunningWarmers: running - inFlight, InFlightWarmers: inFlight));
                state = step.State;
                var after = running + step.Decision.Mv;
                if (Math.Abs(step.Decision.Mv) > settings.MaxStep || after < settings.MinInstances || after > settings.MaxInstances)
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Theory]
    [InlineData(ControllerMode.RunToCompletion)]
    [InlineData(ControllerMode.LongRunning)]
    public void Relay_never_acts_against_the_present_error_whatever_its_history(ControllerMode mode)
    {
        // Bounds may force a move (they are tested above); leave them wide so only the law speaks.
        var controller = new GuardedRelayController(ControllerSettings.Default with { Mode = mode, Lookback = 32, MaxInstances = int.MaxValue });
        // Steps without running tasks let the drift stream learn, so it is held to the same rule.
        var steps = Gen.Zip(Gen.Choose(-50, 50), Gen.Elements(0, 0, 3, 100)).ArrayOf().ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(steps, sequence =>
        {
            var state = ControllerState.Initial;
            var at = T0;
            foreach (var (err, running) in sequence)
            {
                at = at.AddSeconds(1);
                var step = controller.Step(state, new ControllerInput(err, 0, at, RunningWarmers: running));
                var decision = step.Decision;
                state = step.State;
                if (Math.Sign(decision.Mv) == -Math.Sign(err) && decision.Mv != 0)
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void Bounds_pull_an_out_of_range_pool_back_in()
    {
        var settings = ControllerSettings.Default with { Mode = ControllerMode.LongRunning, MinInstances = 3, MaxInstances = 10 };
        Prop.ForAll(Errors, Gen.Choose(0, 30).ToArbitrary(), (err, running) =>
        {
            foreach (var algorithm in Enum.GetValues<ControllerAlgorithm>().Where(a => a != ControllerAlgorithm.RelayClassic))
            {
                var controller = ControllerFactory.Create(settings with { Algorithm = algorithm });
                var mv = controller.Step(ControllerState.Initial, new ControllerInput(err, running, T0, RunningWarmers: running)).Decision.Mv;
                if (running + mv is < 3 or > 10)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Tasks_in_flight_are_not_launched_again()
    {
        var controller = new GuardedRelayController(ControllerSettings.Default);
        var first = controller.Step(ControllerState.Initial, new ControllerInput(10, 0, T0));
        Assert.Equal(10, first.Decision.Mv);

        var second = controller.Step(first.State, new ControllerInput(10, 0, T0.AddSeconds(1), InFlightWarmers: 10));
        Assert.True(second.Decision.Mv <= 0 + 1, $"launched {second.Decision.Mv} more while 10 are on their way");
        Assert.True(second.Decision.Mv >= 0, "in-flight tasks must not flip the direction");
    }

    [Fact]
    public void A_pool_whose_gap_is_covered_by_tasks_in_flight_never_gets_a_launch()
    {
        // Whatever the history (errors that tasks still starting already answered fill the window), a pool
        // with a steady target launches at most what the gap leaves uncovered.
        var settings = ControllerSettings.Default with { Mode = ControllerMode.LongRunning, Lookback = 32, MaxInstances = int.MaxValue, MaxStep = 0 };
        var controller = new GuardedRelayController(settings);
        const double target = 50;
        var steps = Gen.Zip(Gen.Choose(-6, 6), Gen.Choose(0, 6)).ArrayOf().ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(steps, sequence =>
        {
            var state = ControllerState.Initial;
            var at = T0;
            foreach (var (err, inFlight) in sequence)
            {
                at = at.AddSeconds(1);
                var input = new ControllerInput(target, target - err, at, RunningWarmers: 10, InFlightWarmers: inFlight);
                var step = controller.Step(state, input);
                state = step.State;
                if (step.Decision.Mv > Math.Max(0, err - inFlight))
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void A_pool_starting_its_first_tasks_launches_no_surplus_when_some_start_running()
    {
        // Seen on real Mesos under load: err = 3 stood for 15 steps while all three started; when two ran,
        // err = 1 with one in flight, and the law's history term asked for one more task, killed later.
        var controller = new GuardedRelayController(ControllerSettings.Default with { Mode = ControllerMode.LongRunning, MaxStep = 0 });
        var state = controller.Step(ControllerState.Initial, new ControllerInput(3, 0, T0)).State;
        for (var i = 1; i <= 15; i++)
        {
            state = controller.Step(state, new ControllerInput(3, 0, T0.AddSeconds(i), InFlightWarmers: 3)).State;
        }

        var step = controller.Step(state, new ControllerInput(3, 2, T0.AddSeconds(16), RunningWarmers: 2, InFlightWarmers: 1));
        Assert.Equal(0, step.Decision.Mv);
    }

    [Fact]
    public void Starved_errors_do_not_wind_up_the_window()
    {
        var controller = new GuardedRelayController(ControllerSettings.Default);
        var state = controller.Step(ControllerState.Initial, new ControllerInput(20, 0, T0)).State;
        for (var i = 1; i <= 30; i++)
        {
            state = controller.Step(state, new ControllerInput(20, 0, T0.AddSeconds(i), Starved: true)).State;
        }

        Assert.Single(state.Window);

        var classic = new ClassicRelayController(ControllerSettings.Default);
        var classicState = ControllerState.Initial;
        for (var i = 0; i <= 30; i++)
        {
            classicState = classic.Step(classicState, new ControllerInput(20, 0, T0.AddSeconds(i), Starved: true)).State;
        }

        Assert.Equal(31, classicState.Window.Length);
    }

    [Fact]
    public void Deadband_and_cooldowns_hold_back_launches()
    {
        var settings = ControllerSettings.Default with { Deadband = 2, WarmCooldown = TimeSpan.FromSeconds(10) };
        var controller = new GuardedRelayController(settings);
        Assert.Equal(0, controller.Step(ControllerState.Initial, new ControllerInput(2, 0, T0)).Decision.Mv);

        var warm = controller.Step(ControllerState.Initial, new ControllerInput(5, 0, T0));
        Assert.Equal(5, warm.Decision.Mv);
        // window [5, 8], w = 1: the law asks for round(8 − 6.5) = 2, the cooldown holds it.
        var cooling = controller.Step(warm.State, new ControllerInput(8, 0, T0.AddSeconds(5)));
        Assert.Equal((0, DecisionReason.Cooldown), (cooling.Decision.Mv, cooling.Decision.Reason));
        var cooler = controller.Step(warm.State, new ControllerInput(0, 5, T0.AddSeconds(5)));
        Assert.True(cooler.Decision.Mv < 0, "the warm cooldown must not hold back cooling");
    }

    [Theory]
    [InlineData(ControllerAlgorithm.Relay)]
    [InlineData(ControllerAlgorithm.RelayClassic)]
    [InlineData(ControllerAlgorithm.Proportional)]
    public void State_survives_a_json_round_trip_exactly(ControllerAlgorithm algorithm)
    {
        var settings = ControllerSettings.Default with
        {
            Algorithm = algorithm,
            Mode = ControllerMode.LongRunning,
            Lookback = 50,
            CoolCooldown = TimeSpan.FromSeconds(3),
        };
        var controller = ControllerFactory.Create(settings);
        var random = new Random(7);
        var state = ControllerState.Initial;
        for (var i = 0; i < 80; i++)
        {
            state = controller.Step(state, Sample(random, i)).State;
        }

        var recovered = ControllerState.FromJson(state.ToJson());
        Assert.True(recovered.SameAs(state));
        for (var i = 80; i < 120; i++)
        {
            var input = Sample(random, i);
            var a = controller.Step(state, input);
            var b = controller.Step(recovered, input);
            Assert.Equal(a.Decision, b.Decision);
            (state, recovered) = (a.State, b.State);
        }
    }

    [Fact]
    public void Stop_conditions_end_with_the_configured_exit_code()
    {
        var settled = new StopConditionSettings(StopConditionKind.Settled, Tolerance: 0.5, Steps: 3, ExitCode: 4);
        var controller = new GuardedRelayController(ControllerSettings.Default with { StopCondition = settled });
        var state = ControllerState.Initial;
        var codes = new List<int?>();
        foreach (var pv in new[] { 5.0, 0.2, 0.1, 3, 0, 0.4, -0.3 })
        {
            var step = controller.Step(state, new ControllerInput(0, pv, T0));
            state = step.State;
            codes.Add(step.Decision.ExitCode);
        }

        Assert.Equal([null, null, null, null, null, null, 4], codes);

        var diverging = new StopConditionSettings(StopConditionKind.Diverging, Steps: 2, ExitCode: 9);
        var watcher = new ClassicRelayController(ControllerSettings.Default with { StopCondition = diverging });
        state = ControllerState.Initial;
        codes.Clear();
        foreach (var pv in new[] { 1.0, 2, 1, 2, 3 })
        {
            var step = watcher.Step(state, new ControllerInput(0, pv, T0));
            state = step.State;
            codes.Add(step.Decision.ExitCode);
        }

        Assert.Equal([null, null, null, null, 9], codes);
    }

    [Fact]
    public void Non_finite_samples_are_refused()
    {
        var controller = new GuardedRelayController(ControllerSettings.Default);
        Assert.Throws<ArgumentException>(() => controller.Step(ControllerState.Initial, new ControllerInput(double.NaN, 0, T0)));
    }

    private static ControllerInput Sample(Random random, int i) =>
        new(20 + 10 * Math.Sin(i / 7.0), random.Next(0, 40), T0.AddSeconds(i), RunningWarmers: random.Next(0, 30), InFlightWarmers: random.Next(0, 5));
}
