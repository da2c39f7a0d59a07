namespace RelayMesos.Control.Controllers;

/// <summary>Python 2 number conversions as Relay used them, saturated to the range of an <see cref="int"/>.</summary>
public static class ClassicRounding
{
    /// <summary>Python 2 <c>int(round(x))</c>: halves go away from zero.</summary>
    public static int Round(double value) => Saturate(Math.Round(value, MidpointRounding.AwayFromZero));

    /// <summary>Python <c>int(x)</c>: truncation toward zero.</summary>
    public static int Truncate(double value) => Saturate(Math.Truncate(value));

    private static int Saturate(double whole) =>
        double.IsNaN(whole) ? 0
        : whole >= int.MaxValue ? int.MaxValue
        : whole <= int.MinValue ? int.MinValue
        : (int)whole;
}
