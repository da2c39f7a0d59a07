using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Running;

/// <summary>
/// Joins the cluster through its seed nodes and keeps, for each seed, why it could not be reached. Akka gives up after
/// <c>akka.cluster.shutdown-after-unsuccessful-join-seed-nodes</c> and terminates the actor system; all it leaves behind
/// is a shut-down reason, so without this the run would end as if the split-brain resolver had downed it, or with
/// whatever exception the stopped system throws next. Here it ends with one line naming every seed and what failed.
/// </summary>
public sealed class SeedJoin
{
    private readonly ConcurrentDictionary<Address, string> _failures = new();
    private readonly IReadOnlyList<Address> _seeds;
    private readonly Address _self;
    private readonly TimeSpan? _patience;

    private SeedJoin(IReadOnlyList<Address> seeds, Address self, TimeSpan? patience)
    {
        _seeds = seeds;
        _self = self;
        _patience = patience;
    }

    /// <summary>Starts joining <paramref name="seeds"/> (Akka retries on its own until the join succeeds or its deadline passes).</summary>
    public static SeedJoin Start(ActorSystem system, IReadOnlyList<string> seeds)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(seeds);
        var cluster = Cluster.Get(system);
        var join = new SeedJoin(seeds.Select(Address.Parse).ToList(), cluster.SelfAddress, cluster.Settings.ShutdownAfterUnsuccessfulJoinSeedNodes);
        system.ActorOf(Props.Create(() => new FailureWatch(join)), "seed-join");
        cluster.JoinSeedNodes(join._seeds);
        return join;
    }

    /// <summary>
    /// Why the run ends, when the actor system ended because Akka gave up joining the seeds; null when it ended for any
    /// other reason.
    /// </summary>
    public StopRequested? Failure(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterJoinUnsuccessfulReason
            ? new StopRequested(Cli.ExitCodes.RuntimeFailure, Describe())
            : null;
    }

    /// <summary>The one line a failed join ends with.</summary>
    public string Describe()
    {
        var within = _patience is { } patience ? " within " + Seconds(patience) : "";
        var seeds = string.Join(", ", _seeds.Select(seed => $"{seed} ({What(seed)})"));
        return $"could not join the Akka cluster{within}: seed nodes tried: {seeds}. Start a seed node first, or correct "
               + "akka.cluster.seed-nodes (RELAY_MESOS_SEED_NODES); akka.cluster.shutdown-after-unsuccessful-join-seed-nodes sets the wait";
    }

    private string What(Address seed) =>
        seed.Equals(_self) ? "this instance: only the first seed node may start a cluster"
        : _failures.TryGetValue(seed, out var failure) ? failure
        : "reachable, but it did not let this instance join";

    private void Record(Address seed, Exception? cause) => _failures[seed] = Reason(cause);

    /// <summary>What a user can act on: refused (nothing listens) and timed out (a host or firewall that does not answer) by name.</summary>
    internal static string Reason(Exception? cause)
    {
        for (var e = cause; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused";
                case SocketException { SocketErrorCode: SocketError.TimedOut } or TimeoutException:
                    return "timed out";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return "host not found";
            }
        }

        var message = cause?.GetBaseException().Message.TrimEnd('.') ?? "no answer";
        return message.Contains("refused", StringComparison.OrdinalIgnoreCase) ? "connection refused"
            : message.Contains("timed out", StringComparison.OrdinalIgnoreCase) || message.Contains("timeout", StringComparison.OrdinalIgnoreCase) ? "timed out"
            // What a port that is not an Akka one (a web server, a proxy) leads to: it answers, then Akka hangs up.
            : message.Contains("disassociated", StringComparison.OrdinalIgnoreCase) ? "something answered, but not a relay-mesos cluster port"
            : message;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    /// <summary>Remoting publishes every failed association on the event stream, logged or not: the seeds' are kept.</summary>
    private sealed class FailureWatch : ReceiveActor
    {
        public FailureWatch(SeedJoin join)
        {
            Receive<AssociationErrorEvent>(e =>
            {
                if (join._seeds.Contains(e.RemoteAddress))
                {
                    join.Record(e.RemoteAddress, e.Cause);
                }
            });
            Receive<ClusterEvent.MemberUp>(e =>
            {
                if (e.Member.Address.Equals(Cluster.Get(Context.System).SelfAddress))
                {
                    Context.Stop(Self);
                }
            });
        }

        protected override void PreStart()
        {
            Context.System.EventStream.Subscribe(Self, typeof(AssociationErrorEvent));
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.MemberUp));
        }

        protected override void PostStop()
        {
            Context.System.EventStream.Unsubscribe(Self);
            Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }
}
