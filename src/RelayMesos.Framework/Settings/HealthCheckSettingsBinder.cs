using System.Globalization;
using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;

namespace RelayMesos.Framework.Settings;

/// <summary>Reads <c>relay.mesos.health-check.*</c>; a bad value throws <see cref="ConfigurationValueException"/> naming the key.</summary>
public static class HealthCheckSettingsBinder
{
    private const string Prefix = "relay.mesos.health-check.";

    /// <param name="ports">How many ports each task gets (<c>relay.mesos.task.ports</c>), which an HTTP or TCP check needs.</param>
    public static HealthCheckSettings Bind(IConfiguration config, int ports)
    {
        var type = config.GetString(Prefix + "type").ToLowerInvariant();
        var kind = type switch
        {
            "none" => HealthCheckKind.None,
            "command" => HealthCheckKind.Command,
            "http" => HealthCheckKind.Http,
            "tcp" => HealthCheckKind.Tcp,
            _ => throw new ConfigurationValueException(Prefix + "type", type, "none, command, http or tcp"),
        };
        var settings = new HealthCheckSettings
        {
            Kind = kind,
            Command = config.GetString(Prefix + "command"),
            PortIndex = config.GetInt(Prefix + "port-index"),
            Path = config.GetString(Prefix + "path"),
            Delay = Duration(config, "delay", allowZero: true),
            Interval = Duration(config, "interval", allowZero: false),
            Timeout = Duration(config, "timeout", allowZero: true),
            GracePeriod = Duration(config, "grace-period", allowZero: true),
            ConsecutiveFailures = config.GetInt(Prefix + "consecutive-failures"),
        };

        if (settings.ConsecutiveFailures < 1)
        {
            throw new ConfigurationValueException(Prefix + "consecutive-failures", settings.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture), "at least 1");
        }

        if (kind == HealthCheckKind.Command && settings.Command.Trim().Length == 0)
        {
            throw new ConfigurationValueException(Prefix + "command", settings.Command, "a bash command whose exit status 0 means healthy (type = command)");
        }

        if (kind is HealthCheckKind.Http or HealthCheckKind.Tcp && (settings.PortIndex < 0 || settings.PortIndex >= ports))
        {
            throw new ConfigurationValueException(
                Prefix + "port-index",
                settings.PortIndex.ToString(CultureInfo.InvariantCulture),
                $"the index of one of the task's ports (relay.mesos.task.ports = {ports.ToString(CultureInfo.InvariantCulture)}, so 0 to {(ports - 1).ToString(CultureInfo.InvariantCulture)}); an {type} check needs relay.mesos.task.ports of at least 1");
        }

        return settings;
    }

    private static TimeSpan Duration(IConfiguration config, string name, bool allowZero)
    {
        var value = config.GetDuration(Prefix + name);
        return value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)
            ? value
            : throw new ConfigurationValueException(Prefix + name, value.ToString(), allowZero ? "a duration of 0 or more" : "a duration above 0");
    }
}
