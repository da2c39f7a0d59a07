using Microsoft.Extensions.Configuration;

namespace RelayMesos.Hocon;

/// <summary>
/// Exposes every leaf as an IConfiguration key: path elements joined with ':', array elements
/// as index keys (hosts:0, hosts:1), values as their text (durations stay "5s" so
/// <see cref="ConfigurationValueExtensions.GetDuration"/> parses them). Nulls are left out.
/// </summary>
public sealed class HoconConfigurationProvider(HoconConfigurationSource source) : ConfigurationProvider
{
    public override void Load()
    {
        var config = source.Config;
        if (config is null)
        {
            if (source.Path is null)
            {
                throw new InvalidOperationException("HoconConfigurationSource needs a Config or a Path.");
            }

            if (!File.Exists(source.Path))
            {
                if (source.Optional)
                {
                    Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                    return;
                }

                throw new HoconException(new HoconOrigin(source.Path, 1, 1), "an existing file", $"configuration file '{source.Path}' does not exist");
            }

            config = HoconConfig.ParseFile(source.Path);
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in config.Resolve().Entries())
        {
            if (entry.Value is not null)
            {
                data[ConfigurationPath.Combine(entry.Keys)] = entry.Value;
            }
        }

        Data = data;
    }
}
