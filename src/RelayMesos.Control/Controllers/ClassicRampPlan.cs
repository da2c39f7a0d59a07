namespace RelayMesos.Control.Controllers;

/// <summary>
/// Relay's <c>create_ramp_plan</c> as a function of position: what its generator yields at <c>index</c>.
/// For ramp ≥ 2 its root finding ignores the error (n = 1), so the plan is tiny; that is reproduced on purpose.
/// </summary>
public static class ClassicRampPlan
{
    public static int ValueAt(double initialError, int ramp, int index)
    {
        if (ramp == 1)
        {
            return index == 0 ? ClassicRounding.Truncate(initialError) : 0;
        }

        var sign = Math.Sign(initialError);
        var perIteration = ramp / 2;
        var share = 1 / perIteration;
        if (index < perIteration)
        {
            return sign * share;
        }

        return index == perIteration ? sign * (1 - perIteration * share) : 0;
    }
}
