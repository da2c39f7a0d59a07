using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Framework.Settings;
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
    /// <exception cref="Hocon.ConfigurationValueException">A setting is invalid.</exception>
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
