namespace RelayMesos.Hocon;

/// <summary>A configuration value that is present but not of the expected form.</summary>
public sealed class ConfigurationValueException(string key, string value, string expected)
    : Exception($"{key}: '{value}' is not valid; expected {expected}.")
{
    public string Key { get; } = key;

    public string Value { get; } = value;

    public string Expected { get; } = expected;
}
