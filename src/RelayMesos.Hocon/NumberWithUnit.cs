using System.Globalization;

namespace RelayMesos.Hocon;

/// <summary>Splits "10 s" / "1.5GiB" into the number and the unit word.</summary>
internal static class NumberWithUnit
{
    public static bool TrySplit(string text, out double number, out string unit)
    {
        var trimmed = text.Trim();
        var end = trimmed.Length;
        while (end > 0 && char.IsLetter(trimmed[end - 1]))
        {
            end--;
        }

        unit = trimmed[end..];
        return double.TryParse(trimmed[..end].TrimEnd(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            && !double.IsInfinity(number);
    }
}
