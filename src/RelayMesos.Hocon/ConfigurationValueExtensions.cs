using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RelayMesos.Hocon;

/// <summary>
/// Typed getters over any <see cref="IConfiguration"/> (HOCON keys use '.', IConfiguration ':';
/// both are accepted here). A present but malformed value throws <see cref="ConfigurationValueException"/>
/// naming the key, never a silent default.
/// </summary>
public static class ConfigurationValueExtensions
{
    public static string? GetText(this IConfiguration config, string key) => config[ToPath(key)];

    public static string GetString(this IConfiguration config, string key, string defaultValue) =>
        config[ToPath(key)] ?? defaultValue;

    public static TimeSpan GetDuration(this IConfiguration config, string key, TimeSpan defaultValue) =>
        Get(config, key, defaultValue, HoconDuration.TryParse, HoconDuration.Expected);

    public static long GetBytes(this IConfiguration config, string key, long defaultValue) =>
        Get(config, key, defaultValue, HoconSize.TryParse, HoconSize.Expected);

    public static int GetInt(this IConfiguration config, string key, int defaultValue) =>
        Get(config, key, defaultValue, (string s, out int v) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v), "a whole number");

    public static double GetDouble(this IConfiguration config, string key, double defaultValue) =>
        Get(config, key, defaultValue, (string s, out double v) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v), "a number");

    public static bool GetBool(this IConfiguration config, string key, bool defaultValue) =>
        Get(config, key, defaultValue, TryParseBool, "true or false (also yes/no, on/off)");

    private static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private delegate bool TryParser<T>(string text, out T value);

    private static T Get<T>(IConfiguration config, string key, T defaultValue, TryParser<T> parse, string expected)
    {
        var text = config[ToPath(key)];
        if (text is null)
        {
            return defaultValue;
        }

        return parse(text, out var value)
            ? value
            : throw new ConfigurationValueException(key, text, expected);
    }

    private static string ToPath(string key) => key.Replace('.', ':');
}
