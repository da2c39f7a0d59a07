using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using Akka.TestKit;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Membership;
using RelayMesos.Host.Running;
using RelayMesos.TestKit;

namespace RelayMesos.Host.Tests.Running;

/// <summary>
/// Real two-member clusters on loopback. The test system is the member that runs <see cref="GoneMemberDowning"/>; the
/// other member either vanishes (its process gone: its port refuses) or stands behind a port that still accepts (frozen).
/// </summary>
public sealed class GoneMemberDowningTests : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>Joining, and noticing a dropped connection, take seconds on a loaded machine; the failure detector would take a minute.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TestProbe _downed;
    private readonly RecordingLogger _log = new();
    private readonly IActorRef _membershipLog;
    private ActorSystem? _other;

    public GoneMemberDowningTests()
        : base(LoopbackCluster.Config(), LoopbackCluster.SystemName)
    {
        _downed = CreateTestProbe("downed");
        Cluster.Get(Sys).Subscribe(_downed.Ref, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberDowned));
        Cluster.Get(Sys).Join(Cluster.Get(Sys).SelfAddress);
        var log = _log;
        Sys.ActorOf(Props.Create(() => new GoneMemberDowning(log, null)), GoneMemberDowning.Name);
        _membershipLog = Sys.ActorOf(Props.Create(() => new MembershipLog(log)), "membership-log");
    }

    protected override void Dispose(bool disposing)
    {
        _other?.Terminate().Wait(TimeSpan.FromSeconds(10));
        base.Dispose(disposing);
    }

    private Address JoinOther(string more)
    {
        _other = LoopbackCluster.Join(Sys, more);
        var address = Cluster.Get(_other).SelfAddress;
        AwaitCondition(() => LoopbackCluster.IsUp(Sys, address), Patience);
        return address;
    }

    [Fact]
    public async Task A_member_whose_process_is_gone_is_downed_without_waiting_for_the_failure_detector()
    {
        var gone = JoinOther(LoopbackCluster.Vanishing);

        await _other!.Terminate();

        var downed = _downed.ExpectMsg<ClusterEvent.MemberDowned>(Patience);
        Assert.Equal(gone, downed.Member.Address);
    }

    [Fact]
    public async Task A_gone_member_is_one_warning_however_often_its_connection_is_reported_lost()
    {
        var gone = JoinOther(LoopbackCluster.Vanishing);
        var self = Cluster.Get(Sys).SelfAddress;
        await _other!.Terminate();

        // Remoting reports a dead peer's connection lost again and again (each retry of the association), also in the
        // moment between this member's downing and the cluster's view showing it: no second downing, no second line.
        using var reporting = new CancellationTokenSource();
        var reports = Task.Run(async () =>
        {
            while (!reporting.IsCancellationRequested)
            {
                // Bursts, so reports wait in the mailbox whenever the dial's answer is handled.
                for (var i = 0; i < 20; i++)
                {
                    Sys.EventStream.Publish(new DisassociatedEvent(self, gone, inbound: false));
                }

                await Task.Delay(1);
            }
        });
        _downed.ExpectMsg<ClusterEvent.MemberDowned>(Patience);
        // Quarantined as it is downed, it is unreachable at once; the cluster may say so before it shows the downing.
        AwaitCondition(() => _log.Entries.Any(e => e.Message.Contains("is unreachable", StringComparison.Ordinal)), Patience);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await reporting.CancelAsync();
        await reports;

        var warning = Assert.Single(_log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains("refuses connections on its cluster port", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_downed_as_gone_is_unreachable_as_a_consequence_even_while_the_cluster_still_shows_it_up()
    {
        var other = JoinOther("");
        var up = Cluster.Get(Sys).State.Members.Single(m => m.Address == other);
        bool Logged(LogLevel level) => _log.Entries.Any(e => e.Level == level && e.Message.Contains("is unreachable", StringComparison.Ordinal));

        // Unreachable for no reason this member knows of: news.
        _membershipLog.Tell(new ClusterEvent.UnreachableMember(up));
        AwaitCondition(() => Logged(LogLevel.Warning), Patience);

        // Downed as gone here, then reported unreachable before the downing shows (seen under load): its downing warned.
        _membershipLog.Tell(new GoneMemberDowned(other));
        _membershipLog.Tell(new ClusterEvent.UnreachableMember(up));
        AwaitCondition(() => Logged(LogLevel.Information), Patience);
        Assert.Single(_log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void A_member_whose_port_still_accepts_is_left_to_the_failure_detector_until_the_port_refuses()
    {
        // The member listens on a port of its own and tells the cluster another one: the frozen listener's. Nobody dials
        // it while the connection the member opened holds (passive connections), so only the downing actor's dials land there.
        using var frozen = new FrozenListener();
        var member = JoinOther($"akka.remote.dot-netty.tcp.public-port = {frozen.Port}");
        var self = Cluster.Get(Sys).SelfAddress;

        // What remoting publishes when a member's connection drops.
        Sys.EventStream.Publish(new DisassociatedEvent(self, member, inbound: true));

        // Two dials a moment apart, both accepted: no proof that the process is gone.
        AwaitCondition(() => frozen.SilentDials >= 2, Patience);
        _downed.ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.True(LoopbackCluster.IsUp(Sys, member));

        // The same member, once nothing listens on its port any more, is downed on its next lost connection.
        frozen.Dispose();
        Sys.EventStream.Publish(new DisassociatedEvent(self, member, inbound: true));
        Assert.Equal(member, _downed.ExpectMsg<ClusterEvent.MemberDowned>(Patience).Member.Address);
    }
}
