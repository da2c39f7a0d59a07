using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Host.Running;

/// <summary>
/// One line of ours for each membership change an operator needs, on every member: Akka logs membership moves on the
/// cluster's leader only, at a level of detail (joining, weakly up, exiting) that is Akka's own business and goes to
/// Debug. A member coming up or going away prints the members this instance now sees as up, e.g. whom a run's stop is
/// sent to; becoming unreachable and reachable again are a line each (the downing that may follow warns on its own).
/// </summary>
public sealed class MembershipLog : ReceiveActor
{
    private readonly SortedSet<string> _up = new(StringComparer.Ordinal);
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
        Receive<ClusterEvent.UnreachableMember>(e =>
            _logger.LogInformation("Member {Member} is unreachable (no heartbeat replies).", e.Member.Address.HostPort()));
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

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void LogUp()
    {
        if (_up.Count > 0)
        {
            _logger.LogInformation("Cluster members up: {Count} ({Members}).", _up.Count, string.Join(", ", _up));
        }
    }
}
