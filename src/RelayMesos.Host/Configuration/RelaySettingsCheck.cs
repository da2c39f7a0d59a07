using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Framework.Settings;
using RelayMesos.Hocon;
using RelayMesos.Host.Logging;
using RelayMesos.Host.Running;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Configuration;

/// <summary>
/// Binds every setting <c>run</c> reads, without starting anything, so a bad value stops <c>run</c>
/// before any side effect and <c>config show</c> rejects exactly what <c>run</c> would.
/// </summary>
public static class RelaySettingsCheck
{
    /// <summary>
    /// Checks every loop's settings (each loop's effective keys in place of <c>relay</c>'s, see
    /// <see cref="RelayLoops.AsRelay"/>), with the framework-wide ones; a bad value a loop sets itself is named under
    /// its own path (<c>relay.loops.orders.controller.delay</c>), an inherited one where it is set (<c>relay.…</c>).
    /// </summary>
    /// <exception cref="ConfigurationValueException">A setting is invalid.</exception>
    public static void Check(HoconConfig resolved)
    {
        foreach (var loop in RelayLoops.Resolve(resolved))
        {
            try
            {
                Check(new ConfigurationBuilder().AddHocon(RelayLoops.AsRelay(resolved, loop)).Build());
            }
            catch (ConfigurationValueException ex) when (OwnKey(loop, ex.Key) is { } key)
            {
                throw new ConfigurationValueException(key, ex.Value, ex.Expected);
            }
        }
    }

    private static string? OwnKey(RelayLoop loop, string key)
    {
        const string relayPrefix = RelayConfigurationLoader.RootKey + ".";
        if (loop.IsImplicit || !key.StartsWith(relayPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = key[relayPrefix.Length..];
        return loop.Own.Entries().Any(e => e.Path == relative || e.Path.StartsWith(relative + ".", StringComparison.Ordinal))
            ? $"{loop.Path}.{relative}"
            : null;
    }

    /// <exception cref="ConfigurationValueException">A setting is invalid.</exception>
    public static void Check(IConfiguration config)
    {
        var controller = ControllerSettingsBinder.Bind(config);
        _ = FrameworkSettingsBinder.Bind(config, controller);
        _ = MetricSourceFactory.BindFailurePolicy(config);
        _ = PersistenceSettings.Bind(config);
        _ = LocalClusterSettings.Bind(config);
        _ = WebSettings.From(config);
        RelayLogging.Create(config).Dispose();

        // Building a source reads its settings only: no command runs and no request is sent.
        using var http = new HttpClient();
        var context = new MetricSourceContext(http, TimeProvider.System, NullLoggerFactory.Instance);
        _ = MetricSources.Create(config, "relay.metric", context);
        _ = MetricSources.Create(config, "relay.target", context);
    }
}
