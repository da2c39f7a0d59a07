using System.Globalization;
using Microsoft.Extensions.Configuration;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Offers;
using RelayMesos.Hocon;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Framework.Settings;

/// <summary>
/// Reads <c>relay.warmer</c>, <c>relay.cooler</c>, <c>relay.mesos.*</c> and <c>relay.persistence.snapshot-every</c>.
/// A bad value throws <see cref="ConfigurationValueException"/> naming the key.
/// </summary>
public static class FrameworkSettingsBinder
{
    public static FrameworkSettings Bind(IConfiguration config, ControllerSettings controller)
    {
        var warmer = config.GetString("relay.warmer");
        var cooler = config.GetString("relay.cooler");
        if (warmer.Length == 0 && cooler.Length == 0)
        {
            throw new ConfigurationValueException("relay.warmer", "", "a bash command (a warmer, a cooler, or both)");
        }

        var network = config.GetString("relay.mesos.docker.network").ToUpperInvariant();
        if (network is not ("HOST" or "BRIDGE" or "NONE"))
        {
            throw new ConfigurationValueException("relay.mesos.docker.network", network, "HOST, BRIDGE or NONE");
        }

        return new FrameworkSettings
        {
            Master = MasterAddress(config),
            FrameworkName = config.GetString("relay.mesos.framework.name"),
            Role = config.GetString("relay.mesos.framework.role"),
            Principal = config.GetString("relay.mesos.framework.principal"),
            SecretFile = config.GetString("relay.mesos.framework.secret-file"),
            User = config.GetString("relay.mesos.framework.user"),
            Checkpoint = config.GetBool("relay.mesos.framework.checkpoint"),
            FailoverTimeout = NonNegative(config, "relay.mesos.framework.failover-timeout"),
            TeardownOnExit = config.GetBool("relay.mesos.framework.teardown-on-exit"),
            ContentType = OneOf(config, "relay.mesos.content-type", "protobuf", "json"),
            CaFile = config.GetString("relay.mesos.ca-file"),
            HeartbeatMisses = Positive(config, "relay.mesos.heartbeat-misses"),
            BackoffMin = NonNegative(config, "relay.mesos.backoff-min"),
            BackoffMax = NonNegative(config, "relay.mesos.backoff-max"),
            RefuseOffers = NonNegative(config, "relay.mesos.refuse"),
            ReconcileInterval = NonNegative(config, "relay.mesos.reconcile-interval"),
            MaxFailures = config.GetInt("relay.mesos.max-failures"),
            MaxFailuresExitCode = config.GetInt("relay.mesos.max-failures-exit-code"),
            MaxFailuresHealthyAfter = NonNegative(config, "relay.mesos.max-failures-healthy-after"),
            Warmer = warmer,
            Cooler = cooler,
            Mode = controller.Mode,
            DryRun = config.GetBool("relay.dry-run"),
            Task = new TaskSettings(
                Positive(config, "relay.mesos.task.cpus"),
                Positive(config, "relay.mesos.task.mem"),
                NotNegative(config, "relay.mesos.task.disk"),
                NotNegative(config, "relay.mesos.task.gpus"),
                config.GetInt("relay.mesos.task.ports"),
                ExtraResources(config),
                EnvironmentFile(config.GetString("relay.mesos.task.env-file")),
                List(config, "relay.mesos.task.uris"),
                NonNegative(config, "relay.mesos.task.kill-grace-period")),
            Docker = new DockerSettings(
                config.GetString("relay.mesos.docker.image"),
                network,
                config.GetBool("relay.mesos.docker.force-pull"),
                Parameters(config),
                Volumes(config)),
            Constraints = Constraints(config),
            HealthCheck = HealthCheckSettingsBinder.Bind(config, config.GetInt("relay.mesos.task.ports")),
            SnapshotEvery = Math.Max(1, config.GetInt("relay.persistence.snapshot-every")),
        };
    }

    /// <summary>The embedded cluster (local), a list of masters or a zk:// URL; a malformed one fails start-up with one line, not each term.</summary>
    private static string MasterAddress(IConfiguration config)
    {
        var master = config.GetString("relay.mesos.master");
        if (master != "local" && MasterDetectors.Problem(master) is { } problem)
        {
            throw new ConfigurationValueException(
                "relay.mesos.master", ZooKeeperUrl.Redact(master), $"local, masters such as http://m1:5050,http://m2:5050, or zk://zk1:2181/mesos; {problem.TrimEnd('.')}");
        }

        return master;
    }

    /// <summary>KEY=VALUE lines; blank lines and # comments skipped; "export " tolerated as shells write it.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFile(string path)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path.Length == 0)
        {
            return variables;
        }

        if (!File.Exists(path))
        {
            throw new ConfigurationValueException("relay.mesos.task.env-file", path, "an existing file of KEY=VALUE lines");
        }

        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var split = line.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new ConfigurationValueException("relay.mesos.task.env-file", $"{path}:{lineNumber}: {raw}", "KEY=VALUE on every line");
            }

            var value = line[(split + 1)..];
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            variables[line[..split].Trim()] = value;
        }

        return variables;
    }

    private static IReadOnlyDictionary<string, double> ExtraResources(IConfiguration config)
    {
        var extra = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var child in config.GetSection("relay:mesos:task:extra-resources").GetChildren())
        {
            extra[child.Key] = NotNegative(config, $"relay.mesos.task.extra-resources.{child.Key}");
        }

        return extra;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Parameters(IConfiguration config) =>
        config.GetSection("relay:mesos:docker:parameters").GetChildren()
            .Select(p => new KeyValuePair<string, string>(
                p["key"] ?? throw new ConfigurationValueException($"relay.mesos.docker.parameters.{p.Key}", "", "an object with key and value"),
                p["value"] ?? ""))
            .ToList();

    private static IReadOnlyList<DockerVolume> Volumes(IConfiguration config) =>
        config.GetSection("relay:mesos:docker:volumes").GetChildren()
            .Select(v =>
            {
                var key = $"relay.mesos.docker.volumes.{v.Key}";
                var mode = (v["mode"] ?? "RW").ToUpperInvariant();
                if (mode is not ("RW" or "RO"))
                {
                    throw new ConfigurationValueException(key + ".mode", mode, "RW or RO");
                }

                return new DockerVolume(
                    v["container-path"] ?? throw new ConfigurationValueException(key + ".container-path", "", "a path inside the container"),
                    v["host-path"] ?? throw new ConfigurationValueException(key + ".host-path", "", "a path on the agent"),
                    mode == "RO");
            })
            .ToList();

    private static IReadOnlyList<PlacementConstraint> Constraints(IConfiguration config)
    {
        var texts = List(config, "relay.mesos.constraints");
        try
        {
            return PlacementConstraintParser.ParseAll(texts);
        }
        catch (InvalidPlacementConstraintException ex)
        {
            throw new ConfigurationValueException("relay.mesos.constraints", string.Join(", ", texts), $"Marathon-style constraints such as \"hostname:MAX_PER:2\" ({ex.Message})");
        }
    }

    private static IReadOnlyList<string> List(IConfiguration config, string key) =>
        config.GetSection(key.Replace('.', ':')).GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToList();

    private static string OneOf(IConfiguration config, string key, params string[] allowed)
    {
        var value = config.GetString(key);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new ConfigurationValueException(key, value, string.Join(" or ", allowed));
    }

    private static double Positive(IConfiguration config, string key)
    {
        var value = config.GetDouble(key);
        return value > 0 ? value : throw new ConfigurationValueException(key, value.ToString(CultureInfo.InvariantCulture), "a number above 0");
    }

    private static double NotNegative(IConfiguration config, string key)
    {
        var value = config.GetDouble(key);
        return value >= 0 ? value : throw new ConfigurationValueException(key, value.ToString(CultureInfo.InvariantCulture), "a number of 0 or more");
    }

    private static TimeSpan NonNegative(IConfiguration config, string key)
    {
        var value = config.GetDuration(key);
        return value >= TimeSpan.Zero ? value : throw new ConfigurationValueException(key, value.ToString(), "a duration of 0 or more");
    }
}
