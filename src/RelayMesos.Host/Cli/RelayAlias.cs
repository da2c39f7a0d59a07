namespace RelayMesos.Host.Cli;

/// <summary>
/// A flag kept from Relay / Relay.Mesos (<c>--mesos_master</c>, <c>-d</c>, ...) and the
/// configuration key it sets. <paramref name="Map"/> turns the flag's value into overrides.
/// </summary>
public sealed record RelayAlias(
    string Name,
    string[] ShortNames,
    string Key,
    string Description,
    Func<string, IEnumerable<KeyValuePair<string, string>>>? Map = null)
{
    public IEnumerable<KeyValuePair<string, string>> ToOverrides(string value) =>
        Map is null ? [new(Key, value)] : Map(value);
}
