using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;

namespace RelayMesos.Control.Sources;

/// <summary>
/// Builds a source from its section (<c>relay.metric</c> or <c>relay.target</c>), selected by <c>type</c>,
/// and reads the failure policy (<c>relay.metric.on-failure</c> and friends).
/// </summary>
/// <remarks>
/// Unlike every other binder, these keep defaults of their own: Relay's shorthand (<c>relay.metric = "./queue.sh"</c>)
/// replaces the whole section, the reference's keys with it, and a key of one source type only (a wave's shape) is
/// null in the reference.
/// </remarks>
public static class MetricSourceFactory
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static IMetricSource Create(IConfiguration config, string path, MetricSourceContext context)
    {
        var section = config.GetSection(path.Replace('.', ':'));
        string Key(string name) => $"{path}.{name}";
        var type = config.GetText(Key("type")) ?? "constant";
        var timeout = ConfigurationChecks.Duration(config, Key("timeout"), DefaultTimeout, positive: true);
        var logger = context.Loggers.CreateLogger("RelayMesos.Control.Sources." + path);

        switch (type)
        {
            case "constant":
                return new ConstantMetricSource(config.GetDouble(Key("value"), 0));
            case "command":
                return new CommandMetricSource(ConfigurationChecks.Required(config, Key("command"), "a bash command"), timeout, logger, context.Commands);
            case "http":
                var jsonPath = config.GetText(Key("json-path")) is { } p ? ParsePath(p, Key("json-path")) : null;
                return new HttpMetricSource(context.Http, Url(config, Key("url")), jsonPath, timeout, logger);
            case "prometheus":
                return new PrometheusMetricSource(
                    context.Http, Url(config, Key("url")),
                    ConfigurationChecks.Required(config, Key("query"), "a PromQL query"), timeout, logger);
            case "wave":
                return new WaveMetricSource(
                    ConfigurationChecks.Enum(config, Key("shape"), WaveShape.Sine, "sine, square or sawtooth"),
                    config.GetDouble(Key("amplitude"), 10),
                    ConfigurationChecks.Duration(config, Key("period"), TimeSpan.FromMinutes(1), positive: true),
                    config.GetDouble(Key("offset"), 0),
                    context.Clock);
            case "tasks":
                return TaskCountMetricSource.Instance;
            case "plugin":
                var assembly = ConfigurationChecks.Required(config, Key("assembly"), "a path to a .NET assembly");
                var typeName = ConfigurationChecks.Required(config, Key("class"), "a type's full name");
                try
                {
                    return PluginMetricSource.Load(assembly, typeName, section, timeout);
                }
                catch (PluginLoadException e)
                {
                    throw new ConfigurationValueException(Key("class"), typeName, $"a loadable IMetricSource ({e.Message})");
                }

            default:
                throw new ConfigurationValueException(Key("type"), type, "constant, command, http, prometheus, wave, tasks or plugin");
        }
    }

    public static FailurePolicySettings BindFailurePolicy(IConfiguration config)
    {
        var d = FailurePolicySettings.Default;
        return new FailurePolicySettings(
            ConfigurationChecks.Enum(config, "relay.metric.on-failure", d.Kind, "skip, hold or fallback"),
            ConfigurationChecks.AtLeast(config, "relay.metric.pause-after", d.PauseAfter, 0),
            config.GetInt("relay.metric.fallback-demand", d.FallbackDemand));
    }

    private static JsonPath ParsePath(string text, string key)
    {
        try
        {
            return JsonPath.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ConfigurationValueException(key, text, $"a JSON path like $.data.queue.depth ({e.Message})");
        }
    }

    private static Uri Url(IConfiguration config, string key)
    {
        var text = ConfigurationChecks.Required(config, key, "an http(s) URL");
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ConfigurationValueException(key, text, "an http(s) URL");
    }
}
