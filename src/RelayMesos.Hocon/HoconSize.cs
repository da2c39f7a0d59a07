namespace RelayMesos.Hocon;

/// <summary>
/// HOCON size-in-bytes format (HOCON.md, "Size in bytes format"): powers of ten for
/// kB/MB/..., powers of two for K/Ki/KiB/...; a bare number is bytes.
/// </summary>
public static class HoconSize
{
    private static readonly (string[] Names, double Bytes)[] Units =
    [
        (["B", "b", "byte", "bytes"], 1),
        (["kB", "kilobyte", "kilobytes"], 1e3),
        (["MB", "megabyte", "megabytes"], 1e6),
        (["GB", "gigabyte", "gigabytes"], 1e9),
        (["TB", "terabyte", "terabytes"], 1e12),
        (["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"], 1L << 10),
        (["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"], 1L << 20),
        (["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"], 1L << 30),
        (["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"], 1L << 40),
    ];

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (!NumberWithUnit.TrySplit(text, out var number, out var unit))
        {
            return false;
        }

        double factor = 1;
        if (unit.Length > 0)
        {
            var match = Array.FindIndex(Units, u => Array.IndexOf(u.Names, unit) >= 0);
            if (match < 0)
            {
                return false;
            }

            factor = Units[match].Bytes;
        }

        var value = number * factor;
        if (double.IsNaN(value) || value < 0 || value > long.MaxValue)
        {
            return false;
        }

        bytes = (long)Math.Round(value);
        return true;
    }

    public static long Parse(string text) =>
        TryParse(text, out var bytes)
            ? bytes
            : throw new FormatException($"'{text}' is not a size; expected a number with a unit such as 512KiB, 64MiB or 1GB.");
}
