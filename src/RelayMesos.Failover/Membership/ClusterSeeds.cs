using RelayMesos.Hocon;

namespace RelayMesos.Failover.Membership;

/// <summary>
/// The seed nodes this instance joins: <c>akka.cluster.seed-nodes</c> as a HOCON list, or as one comma-separated string
/// (what <c>seed-nodes = ${?RELAY_MESOS_SEED_NODES}</c> gives from the environment). Empty: a cluster of its own.
/// </summary>
public static class ClusterSeeds
{
    public const string Path = "akka.cluster.seed-nodes";

    /// <exception cref="ConfigurationValueException">A seed is not an Akka address such as akka.tcp://relay-mesos@host:4053.</exception>
    public static IReadOnlyList<string> Read(HoconConfig hocon)
    {
        if (!hocon.HasPath(Path))
        {
            return [];
        }

        IReadOnlyList<string> seeds;
        try
        {
            seeds = hocon.GetStringList(Path);
        }
        catch (HoconException)
        {
            // Not a list: the comma-separated form.
            seeds = hocon.GetString(Path).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        foreach (var seed in seeds)
        {
            if (!Uri.TryCreate(seed, UriKind.Absolute, out var uri) || uri.Scheme != "akka.tcp" || uri.UserInfo != "relay-mesos" || uri.Port <= 0)
            {
                throw new ConfigurationValueException(Path, seed, "akka.tcp://relay-mesos@host:port (comma-separated in RELAY_MESOS_SEED_NODES)");
            }
        }

        return seeds;
    }
}
