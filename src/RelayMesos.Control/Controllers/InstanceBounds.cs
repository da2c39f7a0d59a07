namespace RelayMesos.Control.Controllers;

internal static class InstanceBounds
{
    /// <summary>Long-running mode: the instance count after this step stays within [min, max].</summary>
    public static int Apply(int mv, int active, ControllerSettings settings)
    {
        var after = (long)active + mv;
        var clamped = Math.Clamp(after, settings.MinInstances, settings.MaxInstances);
        return (int)(clamped - active);
    }
}
