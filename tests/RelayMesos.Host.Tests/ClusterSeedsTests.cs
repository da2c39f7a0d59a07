using RelayMesos.Failover.Membership;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Tests;

/// <summary>Where an instance finds its cluster: akka.hocon, --config / --set, or RELAY_MESOS_SEED_NODES, read through our HOCON layers.</summary>
public sealed class ClusterSeedsTests
{
    [Fact]
    public void With_no_seeds_anywhere_an_instance_forms_a_cluster_of_its_own()
    {
        var hocon = RelayConfigurationLoader.Load(ConfigurationLayers.Empty, new Dictionary<string, string?>());

        Assert.Empty(ClusterSeeds.Read(hocon));
        Assert.Equal("akka.coordination.relay-sql-lease", hocon.GetString("akka.cluster.singleton.use-lease"));
        Assert.Equal("keep-majority", hocon.GetString("akka.cluster.split-brain-resolver.active-strategy"));
    }

    [Fact]
    public void The_environment_gives_seeds_as_one_comma_separated_string()
    {
        var hocon = RelayConfigurationLoader.Load(
            ConfigurationLayers.Empty,
            new Dictionary<string, string?> { ["RELAY_MESOS_SEED_NODES"] = "akka.tcp://relay-mesos@m1:4053, akka.tcp://relay-mesos@m2:4053" });

        Assert.Equal(["akka.tcp://relay-mesos@m1:4053", "akka.tcp://relay-mesos@m2:4053"], ClusterSeeds.Read(hocon));
    }

    [Fact]
    public void A_configuration_file_gives_seeds_as_a_list()
    {
        var hocon = RelayConfigurationLoader.Load(
            new ConfigurationLayers([], [new("akka.cluster.seed-nodes", "[\"akka.tcp://relay-mesos@127.0.0.1:4053\"]")]),
            new Dictionary<string, string?>());

        Assert.Equal(["akka.tcp://relay-mesos@127.0.0.1:4053"], ClusterSeeds.Read(hocon));
    }

    [Fact]
    public void A_seed_that_is_not_an_akka_address_is_refused_naming_the_key()
    {
        var hocon = RelayConfigurationLoader.Load(
            ConfigurationLayers.Empty,
            new Dictionary<string, string?> { ["RELAY_MESOS_SEED_NODES"] = "m1:4053" });

        var refused = Assert.Throws<ConfigurationValueException>(() => ClusterSeeds.Read(hocon));

        Assert.Equal("akka.cluster.seed-nodes", refused.Key);
        Assert.Contains("akka.tcp://relay-mesos@host:port", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lease_timings_follow_the_leader_election_settings()
    {
        var hocon = RelayConfigurationLoader.Load(
            new ConfigurationLayers([], [new("relay.leader-election.lease-ttl", "7s")]),
            new Dictionary<string, string?>());

        Assert.Equal(TimeSpan.FromSeconds(7), hocon.GetDuration("akka.coordination.relay-sql-lease.heartbeat-timeout"));
        Assert.Equal("relay-mesos", hocon.GetString("akka.coordination.relay-sql-lease.lease-name"));
        Assert.Equal("", hocon.GetString("akka.coordination.relay-sbr-lease.lease-name"));
        Assert.Equal(TimeSpan.FromSeconds(7), hocon.GetDuration("akka.coordination.relay-sbr-lease.heartbeat-timeout"));
    }
}
