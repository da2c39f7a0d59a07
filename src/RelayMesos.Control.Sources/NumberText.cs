using System.Globalization;

namespace RelayMesos.Control.Sources;

internal static class NumberText
{
    public static SampleResult Parse(string text, string what)
    {
        var trimmed = text.Trim();
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? SampleResult.Success(value)
            : SampleResult.Failed($"{what} '{Shorten(trimmed)}' is not a number");
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
