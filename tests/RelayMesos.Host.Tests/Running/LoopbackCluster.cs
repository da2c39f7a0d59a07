using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using RelayMesos.TestKit;

namespace RelayMesos.Host.Tests.Running;

/// <summary>
/// Members of a real Akka cluster on loopback, inside the test process. Nobody downs anyone on their own (no downing
/// provider, a failure detector that waits a minute): a member that goes down was downed by the actor under test.
/// </summary>
internal static class LoopbackCluster
{
    /// <summary>The name every member shares (a cluster is one actor system name).</summary>
    public const string SystemName = "relay-mesos";

    public static Config Config(string more = "") => ConfigurationFactory.ParseString(more).WithFallback(ConfigurationFactory.ParseString(
        $$"""
        akka.loglevel = WARNING
        akka.test.timefactor = {{TestTimeFactor.Factor.ToString(CultureInfo.InvariantCulture)}}
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.remote.log-remote-lifecycle-events = off
        akka.cluster.downing-provider-class = ""
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 60s
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.coordinated-shutdown.exit-clr = off
        akka.actor.serializers.relay-observed = "RelayMesos.Host.Web.ObservedOnLeaderSerializer, relay-mesos"
        akka.actor.serialization-bindings { "RelayMesos.Host.Web.ObservedOnLeader, relay-mesos" = relay-observed, "RelayMesos.Host.Web.ReplayObserved, relay-mesos" = relay-observed }
        """));

    /// <summary>A second member, its own actor system; it joins <paramref name="seed"/>.</summary>
    public static ActorSystem Join(ActorSystem seed, string more = "")
    {
        var member = ActorSystem.Create(SystemName, Config(more));
        Cluster.Get(member).Join(Cluster.Get(seed).SelfAddress);
        return member;
    }

    /// <summary>The config of a member that vanishes when terminated: no coordinated shutdown, so it never says it leaves.</summary>
    public const string Vanishing = "akka.coordinated-shutdown.run-by-actor-system-terminate = off";

    public static bool IsUp(ActorSystem seen, Address member) =>
        Cluster.Get(seen).State.Members.Any(m => m.Address == member && m.Status == MemberStatus.Up);
}
