using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RelayMesos.Hocon;

/// <summary>
/// Typed getters over any <see cref="IConfiguration"/> (HOCON keys use '.', IConfiguration ':';
/// both are accepted here). A present but malformed value throws <see cref="ConfigurationValueException"/>
/// naming the key, never a silent default.
/// </summary>
/// <remarks>
/// A key the reference <c>akka.hocon</c> declares is read without a default: the reference is always the lowest
/// layer, so its value is the default and lives nowhere else. Such a key missing means the configuration was built
/// without the reference, a programming error (<see cref="InvalidOperationException"/>), not a user's.
/// The overloads with a default are for keys the reference leaves out or null (per-type source keys).
/// </remarks>
public static class ConfigurationValueExtensions
{
    public static string? GetText(this IConfiguration config, string key) => config[ToPath(key)];

    public static string GetString(this IConfiguration config, string key, string defaultValue) =>
        config[ToPath(key)] ?? defaultValue;

    /// <exception cref="InvalidOperationException">The key is missing: the configuration lacks the reference layer.</exception>
    public static string GetString(this IConfiguration config, string key) => Required(config, key);

    /// <exception cref="InvalidOperationException">The key is missing: the configuration lacks the reference layer.</exception>
    public static TimeSpan GetDuration(this IConfiguration config, string key) =>
        Parse<TimeSpan>(key, Required(config, key), HoconDuration.TryParse, HoconDuration.Expected);

    /// <exception cref="InvalidOperationException">The key is missing: the configuration lacks the reference layer.</exception>
    public static int GetInt(this IConfiguration config, string key) =>
        Parse<int>(key, Required(config, key), TryParseInt, "a whole number");

    /// <exception cref="InvalidOperationException">The key is missing: the configuration lacks the reference layer.</exception>
    public static double GetDouble(this IConfiguration config, string key) =>
        Parse<double>(key, Required(config, key), TryParseDouble, "a number");

    /// <exception cref="InvalidOperationException">The key is missing: the configuration lacks the reference layer.</exception>
    public static bool GetBool(this IConfiguration config, string key) =>
        Parse<bool>(key, Required(config, key), TryParseBool, BoolExpected);

    public static TimeSpan GetDuration(this IConfiguration config, string key, TimeSpan defaultValue) =>
        Get(config, key, defaultValue, HoconDuration.TryParse, HoconDuration.Expected);

    public static long GetBytes(this IConfiguration config, string key, long defaultValue) =>
        Get(config, key, defaultValue, HoconSize.TryParse, HoconSize.Expected);

    public static int GetInt(this IConfiguration config, string key, int defaultValue) =>
        Get(config, key, defaultValue, TryParseInt, "a whole number");

    public static double GetDouble(this IConfiguration config, string key, double defaultValue) =>
        Get(config, key, defaultValue, TryParseDouble, "a number");

    public static bool GetBool(this IConfiguration config, string key, bool defaultValue) =>
        Get(config, key, defaultValue, TryParseBool, BoolExpected);

    private const string BoolExpected = "true or false (also yes/no, on/off)";

    private static bool TryParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

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

    private static T Get<T>(IConfiguration config, string key, T defaultValue, TryParser<T> parse, string expected) =>
        config[ToPath(key)] is { } text ? Parse(key, text, parse, expected) : defaultValue;

    private static T Parse<T>(string key, string text, TryParser<T> parse, string expected) =>
        parse(text, out var value) ? value : throw new ConfigurationValueException(key, text, expected);

    private static string Required(IConfiguration config, string key) =>
        config[ToPath(key)] ?? throw new InvalidOperationException(
            $"'{key}' is missing: the reference akka.hocon declares it, so this configuration was built without the reference layer.");

    private static string ToPath(string key) => key.Replace('.', ':');
}
