using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Host.Running;

/// <summary>
/// Logs the members this instance sees as up whenever that set changes. Akka logs membership moves on the cluster's
/// leader only; an operator (and the tests) reading any one instance's log wants to know whom it would reach, e.g.
/// which members a run's stop is sent to.
/// </summary>
public sealed class MembershipLog : ReceiveActor
{
    private readonly SortedSet<string> _up = new(StringComparer.Ordinal);

    public MembershipLog(ILogger logger)
    {
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(m => m.Status == MemberStatus.Up))
            {
                _up.Add(member.Address.HostPort());
            }

            Log(logger);
        });
        Receive<ClusterEvent.MemberUp>(e =>
        {
            if (_up.Add(e.Member.Address.HostPort()))
            {
                Log(logger);
            }
        });
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            if (e.Member.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed
                && _up.Remove(e.Member.Address.HostPort()))
            {
                Log(logger);
            }
        });
    }

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Log(ILogger logger)
    {
        if (_up.Count > 0)
        {
            logger.LogInformation("Cluster members up: {Count} ({Members}).", _up.Count, string.Join(", ", _up));
        }
    }
}
