using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

/// <summary>Parse-and-resolve shorthands with an explicit (empty unless given) environment.</summary>
internal static class Hocon
{
    public static HoconConfig Parse(string text, params (string Name, string Value)[] environment) =>
        HoconConfig.ParseString(text).Resolve(environment.ToDictionary(e => e.Name, e => (string?)e.Value));

    /// <summary>Canonical text of a resolved document, for "these two are equivalent" checks.</summary>
    public static string Canonical(string text) => Parse(text).Render();

    public static HoconException Error(string text, params (string Name, string Value)[] environment) =>
        Assert.Throws<HoconException>(() => Parse(text, environment));
}
