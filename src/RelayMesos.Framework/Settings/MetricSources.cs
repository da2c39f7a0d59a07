using System.Globalization;
using Microsoft.Extensions.Configuration;
using RelayMesos.Control.Sources;

namespace RelayMesos.Framework.Settings;

/// <summary>
/// Builds <c>relay.metric</c> and <c>relay.target</c>, accepting Relay's shorthand as well as the full
/// object: a plain number is a constant, any other string a bash command (RELAY_METRIC="./queue-size.sh").
/// </summary>
public static class MetricSources
{
    public static IMetricSource Create(IConfiguration config, string path, MetricSourceContext context)
    {
        var section = config.GetSection(path.Replace('.', ':'));
        if (section.Value is { } shorthand && !section.GetChildren().Any())
        {
            if (double.TryParse(shorthand, NumberStyles.Float, CultureInfo.InvariantCulture, out var constant))
            {
                return new ConstantMetricSource(constant);
            }

            return new CommandMetricSource(shorthand, MetricSourceFactory.DefaultTimeout, context.Loggers.CreateLogger("RelayMesos.Control.Sources." + path));
        }

        return MetricSourceFactory.Create(config, path, context);
    }
}
