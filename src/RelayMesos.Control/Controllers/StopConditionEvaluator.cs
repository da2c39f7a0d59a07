namespace RelayMesos.Control.Controllers;

/// <summary>Evaluates the built-in stop rules after a step, like Relay's <c>evaluate_stop_condition</c>.</summary>
public static class StopConditionEvaluator
{
    /// <summary>Returns the state with its rule counter moved on, and the exit code when the rule fired.</summary>
    public static (ControllerState State, int? ExitCode) Evaluate(
        StopConditionSettings settings, ControllerState state, double error)
    {
        var steps = settings.Kind switch
        {
            StopConditionKind.Settled => Math.Abs(error) <= settings.Tolerance ? state.StopRuleSteps + 1 : 0,
            StopConditionKind.Diverging => state.LastError is { } last && Math.Abs(error) > Math.Abs(last)
                ? state.StopRuleSteps + 1
                : 0,
            _ => 0,
        };

        var fired = settings.Kind switch
        {
            StopConditionKind.Settled or StopConditionKind.Diverging => steps >= settings.Steps,
            StopConditionKind.MostlyDiverging => MostlyDiverging(state.Window.AsSpan()),
            _ => false,
        };

        return (state with { StopRuleSteps = steps, LastError = error }, fired ? settings.ExitCode : null);
    }

    private static bool MostlyDiverging(ReadOnlySpan<double> window)
    {
        var increases = 0;
        for (var i = 1; i < window.Length; i++)
        {
            if (Math.Abs(window[i]) - Math.Abs(window[i - 1]) > 0)
            {
                increases++;
            }
        }

        return window.Length * 0.5 < increases;
    }
}
