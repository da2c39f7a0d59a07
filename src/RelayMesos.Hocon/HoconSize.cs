namespace RelayMesos.Hocon;

/// <summary>
/// HOCON size-in-bytes format (HOCON.md, "Size in bytes format"): a number with an optional unit from
/// <see cref="HoconUnits"/>; a bare number is bytes.
/// </summary>
public static class HoconSize
{
    /// <summary>What every message about a malformed size says was expected.</summary>
    public const string Expected = "a size such as 512KiB, 64MiB or 1GB";

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (!HoconUnits.TryScale(text, HoconUnits.Bytes, out var value) || value < 0 || value > long.MaxValue)
        {
            return false;
        }

        bytes = (long)Math.Round(value);
        return true;
    }

    public static long Parse(string text) =>
        TryParse(text, out var bytes)
            ? bytes
            : throw new FormatException($"'{text}' is not a size; expected {Expected}.");
}
