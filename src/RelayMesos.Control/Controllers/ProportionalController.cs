using System.Collections.Immutable;

namespace RelayMesos.Control.Controllers;

/// <summary>
/// <c>proportional</c>, the Kubernetes HPA rule as a baseline.
/// Long-running: desired = ceil(running × SP / PV) (warmers raise the metric, so the ratio is SP/PV),
/// no change while the ratio is within 1 ± tolerance, scale-down only to the highest recommendation of the
/// stabilisation window, then min/max bounds; MV = desired − (running + in flight).
/// Run-to-completion: tasks end by themselves, so there is no replica count to scale; the rule becomes
/// "one task per unit of error, less the tasks of that kind already running or in flight", with the
/// same tolerance (relative to |SP|) and no stabilisation window.
/// </summary>
public sealed class ProportionalController(ControllerSettings settings) : IController
{
    public ControllerAlgorithm Algorithm => ControllerAlgorithm.Proportional;

    public ControllerStep Step(ControllerState state, ControllerInput input)
    {
        InputGuard.RequireFinite(input);
        var err = input.Error;
        var window = ErrorWindow.Push(state.Window, err, settings.Lookback);
        var (mv, reason, recommendations) = settings.Mode == ControllerMode.LongRunning
            ? LongRunning(state, input)
            : (RunToCompletion(input, out var r), r, state.Recommendations);

        var next = state with
        {
            Window = window,
            Steps = state.Steps + 1,
            LastMv = mv,
            LastWarmAt = mv > 0 ? input.At : state.LastWarmAt,
            LastCoolAt = mv < 0 ? input.At : state.LastCoolAt,
            Recommendations = recommendations,
        };
        var (stopped, exitCode) = StopConditionEvaluator.Evaluate(settings.StopCondition, next, err);
        return new ControllerStep(stopped, new ControllerDecision(mv, err, 0, ErrorWindow.Mean(window.AsSpan()), reason, exitCode));
    }

    private (int Mv, DecisionReason Reason, ImmutableArray<ScaleRecommendation> Recommendations) LongRunning(
        ControllerState state, ControllerInput input)
    {
        var active = input.RunningWarmers + input.InFlightWarmers;
        var reason = DecisionReason.ControlLaw;
        int desired;
        if (input.RunningWarmers == 0 || input.Metric <= 0)
        {
            // No instance to scale from: bootstrap with Relay's unit (one instance per unit of error),
            // counting the instances already starting.
            desired = Math.Max(active, input.RunningWarmers + (int)Math.Ceiling(input.Error));
        }
        else
        {
            var ratio = input.Target / input.Metric;
            if (Math.Abs(ratio - 1) <= settings.Tolerance)
            {
                desired = active;
                reason = DecisionReason.WithinTolerance;
            }
            else
            {
                desired = (int)Math.Min(int.MaxValue, Math.Ceiling(input.RunningWarmers * ratio));
            }
        }

        var horizon = input.At - settings.ScaleDownStabilization;
        var recommendations = state.Recommendations
            .Where(r => r.At > horizon)
            .Append(new ScaleRecommendation(input.At, desired))
            .ToImmutableArray();
        if (desired < active)
        {
            desired = Math.Min(active, recommendations.Max(r => r.Desired));
        }

        var mv = desired - active;
        var bounded = InstanceBounds.Apply(mv, active, settings);
        return (bounded, bounded != mv ? DecisionReason.Bounded : reason, recommendations);
    }

    private int RunToCompletion(ControllerInput input, out DecisionReason reason)
    {
        var err = input.Error;
        if (Math.Abs(err) <= settings.Tolerance * Math.Abs(input.Target) || err == 0)
        {
            reason = DecisionReason.WithinTolerance;
            return 0;
        }

        reason = DecisionReason.ControlLaw;
        var needed = (int)Math.Min(int.MaxValue, Math.Ceiling(Math.Abs(err)));
        var working = err > 0
            ? input.RunningWarmers + input.InFlightWarmers
            : input.RunningCoolers + input.InFlightCoolers;
        return Math.Sign(err) * Math.Max(0, needed - working);
    }
}
