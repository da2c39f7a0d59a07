namespace RelayMesos.Control.Controllers;

/// <summary>
/// <c>relay-classic</c>: sailthru/relay's loop step for step (docs/relay-classic.md), including its ramp plan
/// quirks and the zeros the window receives during the ramp.
/// </summary>
public sealed class ClassicRelayController(ControllerSettings settings) : IController
{
    public ControllerAlgorithm Algorithm => ControllerAlgorithm.RelayClassic;

    public ControllerStep Step(ControllerState state, ControllerInput input)
    {
        InputGuard.RequireFinite(input);
        var err = input.Error;
        ControllerState next;
        ControllerDecision decision;

        if (state.RampIndex < settings.Ramp)
        {
            var rampError = state.RampIndex == 0 ? err : state.RampError;
            var mv = ClassicRampPlan.ValueAt(rampError, settings.Ramp, state.RampIndex);
            var window = ErrorWindow.Push(state.Window, 0, settings.Lookback);
            next = state with { Window = window, RampIndex = state.RampIndex + 1, RampError = rampError };
            decision = new ControllerDecision(mv, err, 0, ErrorWindow.Mean(window.AsSpan()), DecisionReason.Ramp);
        }
        else
        {
            var window = ErrorWindow.Push(state.Window, err, settings.Lookback);
            var weight = FftWeight.Compute(window.AsSpan());
            var mv = ClassicRounding.Round(err - ErrorWindow.WeightedMean(window.AsSpan(), weight));
            next = state with { Window = window };
            decision = new ControllerDecision(mv, err, weight, ErrorWindow.Mean(window.AsSpan()), DecisionReason.ControlLaw);
        }

        next = next with { Steps = state.Steps + 1, LastMv = decision.Mv };
        var (stopped, exitCode) = StopConditionEvaluator.Evaluate(settings.StopCondition, next, err);
        return new ControllerStep(stopped, decision with { ExitCode = exitCode });
    }
}
