using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RelayMesos.Hocon;

/// <summary>
/// Range and enum checks that name the offending key. The overloads without a default read a key the reference
/// <c>akka.hocon</c> always declares (see <see cref="ConfigurationValueExtensions"/>).
/// </summary>
public static class ConfigurationChecks
{
    public static T Enum<T>(IConfiguration config, string key, string expected)
        where T : struct, System.Enum =>
        EnumFrom<T>(key, config.GetString(key), expected);

    public static T Enum<T>(IConfiguration config, string key, T defaultValue, string expected)
        where T : struct, System.Enum =>
        config.GetText(key) is { } text ? EnumFrom<T>(key, text, expected) : defaultValue;

    public static int AtLeast(IConfiguration config, string key, int minimum) =>
        CheckAtLeast(key, config.GetInt(key), minimum);

    public static int AtLeast(IConfiguration config, string key, int defaultValue, int minimum) =>
        CheckAtLeast(key, config.GetInt(key, defaultValue), minimum);

    public static double AtLeast(IConfiguration config, string key, double minimum) =>
        CheckAtLeast(key, config.GetDouble(key), minimum);

    public static TimeSpan Duration(IConfiguration config, string key, bool positive) =>
        CheckDuration(config, key, config.GetDuration(key), positive);

    public static TimeSpan Duration(IConfiguration config, string key, TimeSpan defaultValue, bool positive) =>
        CheckDuration(config, key, config.GetDuration(key, defaultValue), positive);

    public static string Required(IConfiguration config, string key, string expected) =>
        config.GetText(key) is { Length: > 0 } text ? text : throw new ConfigurationValueException(key, string.Empty, expected);

    private static T EnumFrom<T>(string key, string text, string expected)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value)
            && System.Enum.IsDefined(value) && !text.Any(char.IsDigit)
            ? value
            : throw new ConfigurationValueException(key, text, expected);

    private static int CheckAtLeast(string key, int value, int minimum) =>
        value >= minimum ? value : throw new ConfigurationValueException(key, Text(value), $"a whole number of at least {minimum}");

    private static double CheckAtLeast(string key, double value, double minimum) =>
        value >= minimum && double.IsFinite(value)
            ? value
            : throw new ConfigurationValueException(key, Text(value), $"a number of at least {Text(minimum)}");

    private static TimeSpan CheckDuration(IConfiguration config, string key, TimeSpan value, bool positive) =>
        value > TimeSpan.Zero || (!positive && value == TimeSpan.Zero)
            ? value
            : throw new ConfigurationValueException(key, config.GetText(key) ?? HoconDuration.Format(value), positive ? "a duration above zero" : "a duration of zero or more");

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
