namespace RelayMesos.Framework.Offers;

/// <summary>
/// Mesos keeps scalars in fixed point with three decimals; the matcher does the same so that
/// packing many tasks never over-commits through floating-point drift.
/// </summary>
internal static class ScalarUnits
{
    public static long ToThousandths(double amount) => (long)Math.Round(amount * 1000, MidpointRounding.AwayFromZero);

    public static double FromThousandths(long thousandths) => thousandths / 1000.0;
}
