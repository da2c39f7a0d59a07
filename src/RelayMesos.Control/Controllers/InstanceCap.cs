namespace RelayMesos.Control.Controllers;

/// <summary>
/// <c>relay.controller.max-instances</c> for every algorithm and both modes, as KEDA ScaledJob's
/// <c>maxReplicaCount</c>: our tasks running or in flight (warmers and coolers) plus this step's launches never
/// exceed it. Demand the cap holds back counts as starved at the next step, so <c>relay</c>'s anti-windup keeps
/// the errors the cluster was not allowed to act on out of its window.
/// </summary>
public sealed class InstanceCap(IController inner, ControllerSettings settings) : IController
{
    public ControllerAlgorithm Algorithm => inner.Algorithm;

    public ControllerStep Step(ControllerState state, ControllerInput input)
    {
        var step = inner.Step(state, state.Capped ? input with { Starved = true } : input);
        var mv = step.Decision.Mv;
        var active = (long)input.RunningWarmers + input.InFlightWarmers + input.RunningCoolers + input.InFlightCoolers;
        var room = (int)Math.Max(0, settings.MaxInstances - active);
        // Long-running: only a positive MV starts tasks (a negative one kills). Run-to-completion: both launch.
        var launches = settings.Mode == ControllerMode.LongRunning ? Math.Max(0, mv) : Math.Abs(mv);
        // Filling the cap while the error still asks for tasks is being held back too: whatever the law says next,
        // the cluster may not act on it (and an algorithm that bounds itself stops exactly at the cap).
        var wantsMore = Math.Abs(input.Error) > settings.Deadband && (settings.Mode == ControllerMode.RunToCompletion || input.Error > 0);
        if (launches < room || (launches == room && !wantsMore))
        {
            return step.State.Capped ? step with { State = step.State with { Capped = false } } : step;
        }

        if (launches == room)
        {
            return step.State.Capped ? step : step with { State = step.State with { Capped = true } };
        }

        var capped = Math.Sign(mv) * room;
        return new ControllerStep(
            step.State with { Capped = true, LastMv = capped },
            step.Decision with { Mv = capped, Reason = DecisionReason.Bounded });
    }
}
