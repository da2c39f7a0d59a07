using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Tests;

/// <summary>
/// Issue 13: <c>relay.controller.max-instances</c> caps our running + in-flight tasks in both modes and for every
/// algorithm (KEDA ScaledJob's maxReplicaCount), and the demand it holds back counts as starved.
/// </summary>
public class InstanceCapTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData(ControllerAlgorithm.Relay)]
    [InlineData(ControllerAlgorithm.RelayClassic)]
    [InlineData(ControllerAlgorithm.Proportional)]
    public void Run_to_completion_never_runs_more_than_max_instances(ControllerAlgorithm algorithm)
    {
        // 39 items queued, 20 consumers running and 10 starting: with a cap of 32 only 2 more may start.
        var controller = ControllerFactory.Create(ControllerSettings.Default with { Algorithm = algorithm, MaxInstances = 32 });
        var step = controller.Step(ControllerState.Initial, new ControllerInput(0, 80, T0, RunningCoolers: 20, InFlightCoolers: 10));
        Assert.Equal((-2, DecisionReason.Bounded), (step.Decision.Mv, step.Decision.Reason));

        var full = controller.Step(step.State, new ControllerInput(0, 80, T0.AddSeconds(1), RunningCoolers: 24, InFlightCoolers: 10));
        Assert.Equal(0, full.Decision.Mv);
    }

    [Theory]
    [InlineData(ControllerMode.RunToCompletion)]
    [InlineData(ControllerMode.LongRunning)]
    public void Demand_held_back_by_the_cap_does_not_wind_up_the_window(ControllerMode mode)
    {
        var controller = ControllerFactory.Create(ControllerSettings.Default with { Mode = mode, MaxInstances = 5 });
        var state = controller.Step(ControllerState.Initial, new ControllerInput(30, 0, T0)).State;
        for (var i = 1; i <= 20; i++)
        {
            var step = controller.Step(state, new ControllerInput(30, 5, T0.AddSeconds(i), RunningWarmers: 5));
            Assert.True(step.Decision.Mv == 0, $"step {i}: {step.Decision} capped {step.State.Capped} window {step.State.Window.Length}");
            state = step.State;
        }

        Assert.Single(state.Window);
    }

    [Fact]
    public void The_cap_survives_a_json_round_trip()
    {
        var controller = ControllerFactory.Create(ControllerSettings.Default with { MaxInstances = 3 });
        var state = controller.Step(ControllerState.Initial, new ControllerInput(10, 0, T0)).State;
        var recovered = ControllerState.FromJson(state.ToJson());
        Assert.True(recovered.SameAs(state));
    }
}
