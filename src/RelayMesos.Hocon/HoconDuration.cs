using System.Globalization;

namespace RelayMesos.Hocon;

/// <summary>
/// HOCON duration format (HOCON.md, "Duration format"): a number with an optional unit;
/// a bare number is milliseconds.
/// </summary>
public static class HoconDuration
{
    private static readonly (string[] Names, double Ticks)[] Units =
    [
        (["ns", "nano", "nanos", "nanosecond", "nanoseconds"], TimeSpan.TicksPerMillisecond / 1_000_000.0),
        (["us", "micro", "micros", "microsecond", "microseconds"], TimeSpan.TicksPerMillisecond / 1_000.0),
        (["ms", "milli", "millis", "millisecond", "milliseconds"], TimeSpan.TicksPerMillisecond),
        (["s", "second", "seconds"], TimeSpan.TicksPerSecond),
        (["m", "minute", "minutes"], TimeSpan.TicksPerMinute),
        (["h", "hour", "hours"], TimeSpan.TicksPerHour),
        (["d", "day", "days"], TimeSpan.TicksPerDay),
    ];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (!NumberWithUnit.TrySplit(text, out var number, out var unit))
        {
            return false;
        }

        double ticksPerUnit = TimeSpan.TicksPerMillisecond;
        if (unit.Length > 0)
        {
            var match = Array.FindIndex(Units, u => Array.IndexOf(u.Names, unit) >= 0);
            if (match < 0)
            {
                return false;
            }

            ticksPerUnit = Units[match].Ticks;
        }

        var ticks = number * ticksPerUnit;
        if (double.IsNaN(ticks) || Math.Abs(ticks) > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a duration; expected a number with a unit such as 500ms, 5s, 2m, 1h or 1d.");

    public static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerMillisecond == 0
            ? value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms"
            : (value.Ticks * 100).ToString(CultureInfo.InvariantCulture) + "ns";
}
