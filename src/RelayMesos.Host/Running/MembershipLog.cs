using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Membership;

namespace RelayMesos.Host.Running;

/// <summary>
/// One line of ours for each membership change an operator needs, on every member: Akka logs membership moves on the
/// cluster's leader only, at a level of detail (joining, weakly up, exiting) that is Akka's own business and goes to
/// Debug. A member coming up or going away prints the members this instance now sees as up, e.g. whom a run's stop is
/// sent to; becoming unreachable and reachable again are a line each. A member becoming unreachable is the warning for
/// a peer that froze or was cut off (Akka's own "Marking node(s) as UNREACHABLE" goes to Debug), unless it was downed
/// already or this process itself stood still: then its downing, or this process's own lease or downing, said why.
/// </summary>
public sealed class MembershipLog : ReceiveActor
{
    /// <summary>A stall ends before the failure detector's next check, well within this.</summary>
    private static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(10);

    private readonly SortedSet<string> _up = new(StringComparer.Ordinal);

    // Downed here as gone: the cluster may report such a member unreachable before it shows the downing.
    private readonly HashSet<Address> _gone = [];
    private readonly ILogger _logger;

    public MembershipLog(ILogger logger)
    {
        _logger = logger;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(m => m.Status == MemberStatus.Up))
            {
                _up.Add(member.Address.HostPort());
            }

            LogUp();
        });
        Receive<ClusterEvent.MemberUp>(e =>
        {
            if (_up.Add(e.Member.Address.HostPort()))
            {
                LogUp();
            }
        });
        Receive<GoneMemberDowned>(e => _gone.Add(e.Member));
        Receive<ClusterEvent.UnreachableMember>(e =>
        {
            if (e.Member.Status == MemberStatus.Down || _gone.Contains(e.Member.Address))
            {
                // Its downing said why (its process is gone, or the resolver's decision after the warning below).
                _logger.LogInformation("Member {Member} is unreachable (no heartbeat replies).", e.Member.Address.HostPort());
            }
            else if (ProcessStallWatch.Shared.Recent(StallWindow) is { } stall)
            {
                // This process did not run, so it heard nobody: what its stall cost is reported by the lease or the downing.
                _logger.LogInformation("Member {Member} is unreachable (no heartbeat replies) after {Stall}.", e.Member.Address.HostPort(), stall);
            }
            else
            {
                _logger.LogWarning("Member {Member} is unreachable (no heartbeat replies).", e.Member.Address.HostPort());
            }
        });
        Receive<ClusterEvent.ReachableMember>(e =>
            _logger.LogInformation("Member {Member} is reachable again.", e.Member.Address.HostPort()));
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            if (e.Member.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed
                && _up.Remove(e.Member.Address.HostPort()))
            {
                _logger.LogInformation(
                    "Member {Member} {Change}.", e.Member.Address.HostPort(), e.Member.Status == MemberStatus.Down ? "was downed" : "is leaving");
                LogUp();
            }
        });
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(GoneMemberDowned));
        Cluster.Get(Context.System).Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        Cluster.Get(Context.System).Unsubscribe(Self);
    }

    private void LogUp()
    {
        if (_up.Count > 0)
        {
            _logger.LogInformation("Cluster members up: {Count} ({Members}).", _up.Count, string.Join(", ", _up));
        }
    }
}
