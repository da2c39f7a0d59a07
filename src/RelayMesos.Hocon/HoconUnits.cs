using System.Globalization;

namespace RelayMesos.Hocon;

/// <summary>
/// The one table of unit words HOCON allows after a number (HOCON.md, "Duration format" and "Size in bytes format"):
/// every duration and size read anywhere goes through it, so two readers never disagree on what "1m" or "1M" means.
/// </summary>
internal static class HoconUnits
{
    /// <summary>Durations in ticks; a bare number is milliseconds.</summary>
    public static readonly IReadOnlyDictionary<string, double> Ticks = Table(
        TimeSpan.TicksPerMillisecond,
        (["ns", "nano", "nanos", "nanosecond", "nanoseconds"], TimeSpan.TicksPerMillisecond / 1_000_000.0),
        (["us", "micro", "micros", "microsecond", "microseconds"], TimeSpan.TicksPerMillisecond / 1_000.0),
        (["ms", "milli", "millis", "millisecond", "milliseconds"], TimeSpan.TicksPerMillisecond),
        (["s", "second", "seconds"], TimeSpan.TicksPerSecond),
        (["m", "minute", "minutes"], TimeSpan.TicksPerMinute),
        (["h", "hour", "hours"], TimeSpan.TicksPerHour),
        (["d", "day", "days"], TimeSpan.TicksPerDay));

    /// <summary>Sizes in bytes: powers of ten for kB/MB/..., powers of two for K/Ki/KiB/...; a bare number is bytes.</summary>
    public static readonly IReadOnlyDictionary<string, double> Bytes = Table(
        1,
        (["B", "b", "byte", "bytes"], 1),
        (["kB", "kilobyte", "kilobytes"], 1e3),
        (["MB", "megabyte", "megabytes"], 1e6),
        (["GB", "gigabyte", "gigabytes"], 1e9),
        (["TB", "terabyte", "terabytes"], 1e12),
        (["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"], 1L << 10),
        (["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"], 1L << 20),
        (["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"], 1L << 30),
        (["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"], 1L << 40));

    /// <summary>"10 s" or "1.5GiB" as a count of the table's base unit; false when the number or the unit is not one.</summary>
    public static bool TryScale(string text, IReadOnlyDictionary<string, double> units, out double scaled)
    {
        scaled = 0;
        var trimmed = text.Trim();
        var end = trimmed.Length;
        while (end > 0 && char.IsLetter(trimmed[end - 1]))
        {
            end--;
        }

        if (!double.TryParse(trimmed[..end].TrimEnd(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || double.IsInfinity(number)
            || !units.TryGetValue(trimmed[end..], out var factor))
        {
            return false;
        }

        scaled = number * factor;
        return !double.IsNaN(scaled);
    }

    /// <summary>The empty word stands for a bare number.</summary>
    private static Dictionary<string, double> Table(double bare, params (string[] Names, double Factor)[] units)
    {
        var table = new Dictionary<string, double>(StringComparer.Ordinal) { [string.Empty] = bare };
        foreach (var (names, factor) in units)
        {
            foreach (var name in names)
            {
                table.Add(name, factor);
            }
        }

        return table;
    }
}
