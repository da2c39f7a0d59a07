using RelayMesos.LocalCluster.Resources;

namespace RelayMesos.LocalCluster;

/// <summary>
/// Settings of an in-process master and its agents. Defaults follow a real Mesos master where it has one
/// (15 s heartbeats, 1 s allocation interval, no offer timeout, root refused); tests shorten the intervals.
/// </summary>
public sealed record LocalClusterOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (see <see cref="LocalMesosCluster.MasterUri"/>).</summary>
    public int Port { get; init; } = 5050;

    public int Agents { get; init; } = 1;

    public double Cpus { get; init; } = 4;

    public double Mem { get; init; } = 4096;

    public double Disk { get; init; } = 10240;

    public double Gpus { get; init; }

    /// <summary>Port ranges every agent offers, e.g. "31000-32000" or "[31000-31100,32000-32100]".</summary>
    public string Ports { get; init; } = "31000-32000";

    /// <summary>
    /// Attributes per agent: agents separated by '|', attributes by ';', name and value by ':', e.g.
    /// "rack:r1;zone:a|rack:r2;zone:a". Agent i takes entry i modulo the number of entries. In an entry,
    /// <c>{i}</c> is the agent's index (from 0) and <c>{i%N}</c> that index modulo N, so "rack:r{i%3}" spreads any
    /// number of agents over three racks.
    /// </summary>
    public string? Attributes { get; init; }

    /// <summary>Agent hostnames; missing ones default to agent-0..N-1, as start-mesos names a real cluster's agents. All of them run on this machine.</summary>
    public IReadOnlyList<string> Hostnames { get; init; } = [];

    /// <summary>Full per-agent specifications; when set they replace the uniform settings above.</summary>
    public IReadOnlyList<AgentSpec>? AgentSpecs { get; init; }

    /// <summary>Root of the agents' sandboxes; a fresh temporary directory when unset.</summary>
    public string? WorkDir { get; init; }

    public TimeSpan AllocationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Outstanding offers are rescinded after this long; null keeps them (Mesos' default).</summary>
    public TimeSpan? OfferTimeout { get; init; }

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>First re-send delay of an unacknowledged status update; doubles up to <see cref="StatusRetryMaxInterval"/>.</summary>
    public TimeSpan StatusRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan StatusRetryMaxInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Grace period between SIGTERM and SIGKILL when neither the task nor the KILL call sets one.</summary>
    public TimeSpan DefaultKillGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Principal → secret. When set, every scheduler call needs HTTP basic authentication.</summary>
    public IReadOnlyDictionary<string, string>? Credentials { get; init; }

    /// <summary>Accept frameworks whose user is root (Mesos' --root_submissions).</summary>
    public bool AllowRoot { get; init; }

    /// <summary>Docker CLI used for DOCKER containers; tasks asking for Docker fail when it is unset or missing.</summary>
    public string? DockerBinary { get; init; }

    /// <summary>Run as a non-leading master that redirects to <see cref="LeaderUri"/> (or answers 503 without one).</summary>
    public bool Standby { get; init; }

    public Uri? LeaderUri { get; init; }

    /// <summary>Hostname the master advertises in MasterInfo and redirects.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    public IReadOnlyList<AgentSpec> BuildAgentSpecs()
    {
        if (AgentSpecs is { Count: > 0 })
        {
            return AgentSpecs;
        }

        if (Agents < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Agents), Agents, "The number of agents cannot be negative.");
        }

        var scalars = new Dictionary<string, double> { ["cpus"] = Cpus, ["mem"] = Mem, ["disk"] = Disk };
        if (Gpus > 0)
        {
            scalars["gpus"] = Gpus;
        }

        var ports = RangeSet.Parse(Ports);
        var resources = ResourceBag.Create(scalars, ports.IsEmpty ? null : new Dictionary<string, RangeSet> { ["ports"] = ports });
        var attributeEntries = string.IsNullOrWhiteSpace(Attributes) ? [] : Attributes.Split('|');
        return Enumerable.Range(0, Agents)
            .Select(i => new AgentSpec(
                i < Hostnames.Count ? Hostnames[i] : $"agent-{i}",
                resources,
                attributeEntries.Length == 0 ? [] : AgentAttributes.Parse(AgentAttributes.ForAgent(attributeEntries[i % attributeEntries.Length], i))))
            .ToList();
    }
}
