using Microsoft.Extensions.Configuration;

namespace RelayMesos.Hocon;

public static class HoconConfigurationBuilderExtensions
{
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(config);
        return builder.Add(new HoconConfigurationSource { Config = config });
    }

    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        return builder.Add(new HoconConfigurationSource { Path = path, Optional = optional });
    }
}
