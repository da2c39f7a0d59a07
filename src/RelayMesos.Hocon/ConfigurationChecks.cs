using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RelayMesos.Hocon;

/// <summary>Range and enum checks that name the offending key.</summary>
public static class ConfigurationChecks
{
    public static T Enum<T>(IConfiguration config, string key, T defaultValue, string expected)
        where T : struct, System.Enum
    {
        var text = config.GetText(key);
        if (text is null)
        {
            return defaultValue;
        }

        return System.Enum.TryParse<T>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value)
            && System.Enum.IsDefined(value) && !text.Any(char.IsDigit)
            ? value
            : throw new ConfigurationValueException(key, text, expected);
    }

    public static int AtLeast(IConfiguration config, string key, int defaultValue, int minimum)
    {
        var value = config.GetInt(key, defaultValue);
        return value >= minimum ? value : throw new ConfigurationValueException(key, Text(value), $"a whole number of at least {minimum}");
    }

    public static double AtLeast(IConfiguration config, string key, double defaultValue, double minimum)
    {
        var value = config.GetDouble(key, defaultValue);
        return value >= minimum && double.IsFinite(value)
            ? value
            : throw new ConfigurationValueException(key, Text(value), $"a number of at least {Text(minimum)}");
    }

    public static TimeSpan Duration(IConfiguration config, string key, TimeSpan defaultValue, bool positive)
    {
        var value = config.GetDuration(key, defaultValue);
        return value > TimeSpan.Zero || (!positive && value == TimeSpan.Zero)
            ? value
            : throw new ConfigurationValueException(key, config.GetText(key) ?? HoconDuration.Format(value), positive ? "a duration above zero" : "a duration of zero or more");
    }

    public static string Required(IConfiguration config, string key, string expected) =>
        config.GetText(key) is { Length: > 0 } text ? text : throw new ConfigurationValueException(key, string.Empty, expected);

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
