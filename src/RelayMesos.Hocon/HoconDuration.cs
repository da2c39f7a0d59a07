using System.Globalization;

namespace RelayMesos.Hocon;

/// <summary>
/// HOCON duration format (HOCON.md, "Duration format"): a number with an optional unit from <see cref="HoconUnits"/>;
/// a bare number is milliseconds.
/// </summary>
public static class HoconDuration
{
    /// <summary>What every message about a malformed duration says was expected.</summary>
    public const string Expected = "a duration such as 500ms, 5s, 2m or 1h";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (!HoconUnits.TryScale(text, HoconUnits.Ticks, out var ticks) || Math.Abs(ticks) > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a duration; expected {Expected}.");

    public static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerMillisecond == 0
            ? value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms"
            : (value.Ticks * 100).ToString(CultureInfo.InvariantCulture) + "ns";
}
