using Microsoft.Extensions.Configuration;

namespace RelayMesos.Hocon;

/// <summary>Feeds a HOCON config (given, or read from <see cref="Path"/>) into Microsoft.Extensions.Configuration.</summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <summary>A config to expose; resolved against the process environment if it is not yet.</summary>
    public HoconConfig? Config { get; init; }

    /// <summary>A file to parse and resolve when <see cref="Config"/> is null.</summary>
    public string? Path { get; init; }

    /// <summary>With a <see cref="Path"/>: a missing file gives no keys instead of an error.</summary>
    public bool Optional { get; init; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
