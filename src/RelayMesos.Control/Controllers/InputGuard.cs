namespace RelayMesos.Control.Controllers;

internal static class InputGuard
{
    /// <summary>A NaN or infinite sample is a failed sample for the failure policy, never a control input.</summary>
    public static void RequireFinite(ControllerInput input)
    {
        if (!double.IsFinite(input.Target) || !double.IsFinite(input.Metric))
        {
            throw new ArgumentException(
                $"Controller input must be finite (target {input.Target}, metric {input.Metric}).", nameof(input));
        }

        if (input.Inflow is { } inflow && !(double.IsFinite(inflow) && inflow >= 0))
        {
            throw new ArgumentException($"An inflow must be a finite rate of zero or more (inflow {inflow}).", nameof(input));
        }
    }
}
