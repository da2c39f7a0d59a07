using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Failover.Membership;

/// <summary>
/// Downs a member as soon as its process is provably gone, instead of after the failure detector's pause and the
/// resolver's stable-after (about 10 s here, chosen so that a busy machine never downs a healthy member).
/// </summary>
/// <remarks>
/// <para>
/// A killed process drops its connections at once, so remoting reports the association lost. That alone proves
/// nothing (a network can drop a connection too), so this actor then dials the member's cluster port: a refused
/// connection means nothing listens there any more. A frozen process still accepts (the kernel does), and a partitioned
/// host times out; both are left to the failure detector and the split-brain resolver.
/// </para>
/// <para>
/// When the gone member held the singleton's lease row, this actor also ends that term in the database (expiry = now), so
/// the next singleton takes the lease as soon as the cluster has removed the member instead of waiting for the TTL. The
/// evidence (a dropped connection, then a refused dial) says that no process listens on the holder's cluster port any
/// more; should it be wrong (a firewall that rejects instead of dropping), the next holder's acquisition moves the epoch
/// on, so the old holder's next renewal fails and it stops, its journal appends are refused by the journal's key, and
/// Mesos refuses its calls once the next holder has subscribed (docs/clustering-and-failover.md, "Taking over below the
/// TTL").
/// </para>
/// </remarks>
public sealed class GoneMemberDowning : ReceiveActor
{
    public const string Name = "gone-member-downing";

    private static readonly TimeSpan RedialAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>A dial left unanswered this long proves nothing (a partition, a full backlog), so it is given up.</summary>
    private static readonly TimeSpan DialTimeout = TimeSpan.FromSeconds(2);

    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly HashSet<Address> _probing = [];

    // Downed here: the cluster's view shows the downing a moment later, and a lost connection reported meanwhile must not
    // start a second probe, a second downing and a second warning.
    private readonly HashSet<Address> _downed = [];

    /// <param name="logger">Where the downing and the ended term are reported.</param>
    /// <param name="endLeaseTermOf">
    /// Ends the live term that the gone holder (host:port) holds on the singleton's lease row; the epoch ended, or null
    /// when it held none. Null: the lease is left to run out by its TTL.
    /// </param>
    public GoneMemberDowning(ILogger logger, Func<string, Task<long?>>? endLeaseTermOf = null)
    {
        Receive<DisassociatedEvent>(e => Suspect(e.RemoteAddress));
        Receive<AssociationErrorEvent>(e => Suspect(e.RemoteAddress));
        Receive<ProbeAnswered>(answer =>
        {
            _probing.Remove(answer.Address);
            if (answer.Refused && IsLiveMember(answer.Address) && _downed.Add(answer.Address))
            {
                logger.LogWarning(
                    "Member {Member} lost its connection and now refuses connections on its cluster port: its process is gone. Downing it now instead of waiting for the failure detector.",
                    answer.Address.HostPort());
                var uid = _cluster.State.Members.First(m => m.Address == answer.Address).UniqueAddress.Uid;
                Context.System.EventStream.Publish(new GoneMemberDowned(answer.Address));
                _cluster.Down(answer.Address);
                // Akka removes a downed member only once it is also unreachable, which its failure detector would say
                // only after its acceptable pause (3 s): that wait, not the lease, would then be the floor of the takeover.
                // Quarantining the dead incarnation marks it terminated at once, so the leader removes it and the singleton
                // moves on. Safe: this incarnation is down, it can never come back (a restart is a new one), and Akka
                // quarantines removed members anyway.
                ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Quarantine(answer.Address, uid);
                if (endLeaseTermOf is not null)
                {
                    var gone = answer.Address.HostPort();
                    endLeaseTermOf(gone).ContinueWith(
                        t => new LeaseTermEnded(gone, t.IsCompletedSuccessfully ? t.Result : null, t.Exception?.GetBaseException().Message),
                        TaskScheduler.Default).PipeTo(Self);
                }
            }
        });
        Receive<LeaseTermEnded>(ended =>
        {
            if (ended.Failure is not null)
            {
                // The row then simply runs out by its TTL: a slower takeover, not an unsafe one.
                logger.LogInformation("The lease term of gone member {Member} could not be ended early ({Reason}); the next singleton waits for its TTL.", ended.Member, ended.Failure);
            }
            else if (ended.Epoch is { } epoch)
            {
                logger.LogInformation("Ended lease epoch {Epoch} of gone member {Member}: the next singleton takes over without waiting for the TTL.", epoch, ended.Member);
            }
        });
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(AssociationErrorEvent));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Suspect(Address address)
    {
        if (!IsLiveMember(address) || _downed.Contains(address) || !_probing.Add(address))
        {
            return;
        }

        ProbeAsync(address).PipeTo(Self);
    }

    /// <summary>A member other than this one that nobody has downed and that is not leaving on its own.</summary>
    private bool IsLiveMember(Address address) =>
        address != _cluster.SelfAddress
        && _cluster.State.Members.Any(m => m.Address == address && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining);

    /// <summary>
    /// Dials twice, a moment apart: a killed process's connections can drop an instant before its listening socket
    /// closes, so the first dial may still be accepted.
    /// </summary>
    private static async Task<ProbeAnswered> ProbeAsync(Address address)
    {
        if (address.Host is not { } host || address.Port is not { } port)
        {
            return new ProbeAnswered(address, Refused: false);
        }

        for (var dial = 0; dial < 2; dial++)
        {
            if (dial > 0)
            {
                await Task.Delay(RedialAfter).ConfigureAwait(false);
            }

            if (await RefusesAsync(host, port).ConfigureAwait(false))
            {
                return new ProbeAnswered(address, Refused: true);
            }
        }

        return new ProbeAnswered(address, Refused: false);
    }

    private static async Task<bool> RefusesAsync(string host, int port)
    {
        using var client = new TcpClient();
        using var patience = new CancellationTokenSource(DialTimeout);
        try
        {
            await client.ConnectAsync(host, port, patience.Token).ConfigureAwait(false);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Unreachable or slow to answer: not proof that the process is gone.
            return false;
        }
    }

    private sealed record ProbeAnswered(Address Address, bool Refused);

    private sealed record LeaseTermEnded(string Member, long? Epoch, string? Failure);
}
