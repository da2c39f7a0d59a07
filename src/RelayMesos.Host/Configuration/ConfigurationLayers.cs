namespace RelayMesos.Host.Configuration;

/// <summary>
/// What the user asked for on the command line, before it is loaded: config files in order
/// and key=value overrides in order (Relay.Mesos alias flags are already turned into overrides).
/// </summary>
public sealed record ConfigurationLayers(IReadOnlyList<string> Files, IReadOnlyList<KeyValuePair<string, string>> Overrides)
{
    public static ConfigurationLayers Empty { get; } = new([], []);
}
