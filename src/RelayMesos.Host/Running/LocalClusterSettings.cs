using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;
using RelayMesos.LocalCluster;

namespace RelayMesos.Host.Running;

/// <summary>Reads <c>relay.local-cluster.*</c> into the embedded cluster's options.</summary>
public static class LocalClusterSettings
{
    public static LocalClusterOptions Bind(IConfiguration config)
    {
        var agents = config.GetInt("relay.local-cluster.agents");
        if (agents < 1)
        {
            throw new ConfigurationValueException("relay.local-cluster.agents", agents.ToString(System.Globalization.CultureInfo.InvariantCulture), "at least 1");
        }

        var attributes = config.GetString("relay.local-cluster.agent-attributes");
        try
        {
            foreach (var entry in attributes.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                AgentAttributes.Parse(AgentAttributes.ForAgent(entry, 0));
            }
        }
        catch (FormatException ex)
        {
            throw new ConfigurationValueException("relay.local-cluster.agent-attributes", attributes, $"name:value pairs separated by ';', agents by '|' ({ex.Message})");
        }

        var workDir = config.GetString("relay.local-cluster.work-dir");
        var offerTimeout = config.GetDuration("relay.local-cluster.offer-timeout");
        return new LocalClusterOptions
        {
            Port = config.GetInt("relay.local-cluster.port"),
            Agents = agents,
            Cpus = config.GetDouble("relay.local-cluster.cpus"),
            Mem = config.GetDouble("relay.local-cluster.mem"),
            Disk = config.GetDouble("relay.local-cluster.disk"),
            Ports = config.GetString("relay.local-cluster.ports"),
            Attributes = attributes.Length == 0 ? null : attributes,
            WorkDir = workDir.Length == 0 ? null : workDir,
            AllocationInterval = config.GetDuration("relay.local-cluster.allocation-interval"),
            OfferTimeout = offerTimeout <= TimeSpan.Zero ? null : offerTimeout,
            HeartbeatInterval = config.GetDuration("relay.local-cluster.heartbeat-interval"),
            StatusRetryInterval = config.GetDuration("relay.local-cluster.status-retry-interval"),
            AllowRoot = config.GetBool("relay.local-cluster.allow-root"),
        };
    }
}
