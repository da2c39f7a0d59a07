using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Host.Tests.Running;
using RelayMesos.Host.Web;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Host.Tests.Web;

/// <summary>What reaches the web UI, the API and /metrics: the local event stream, and on a standby what the leader's instance saw.</summary>
public sealed class ObserverBridgeTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly RelayObserver _observer = new();
    private readonly RelayMetrics _metrics;
    private ActorSystem? _standby;

    public ObserverBridgeTests()
        : base(LoopbackCluster.Config(), LoopbackCluster.SystemName)
    {
        _metrics = new RelayMetrics(_observer);
        Cluster.Get(Sys).Join(Cluster.Get(Sys).SelfAddress);
    }

    protected override void Dispose(bool disposing)
    {
        _standby?.Terminate().Wait(TimeSpan.FromSeconds(10));
        base.Dispose(disposing);
    }

    /// <summary>A bridge that has subscribed to the event stream (an actor's first message is handled after its PreStart).</summary>
    private void StartBridge(ActorSystem system, RelayObserver observer)
    {
        var bridge = system.ActorOf(Props.Create(() => new ObserverBridge(observer, _metrics.JournalWrites)), "observer");
        bridge.Ask<ActorIdentity>(new Identify(null), Dilated(Patience)).Wait();
    }

    private static TaskTableChanged OneTask(string id) =>
        new(TaskTable.Empty.WithLaunched([new TaskRecord(id, TaskKind.Warmer, "a1", "a1.host", ImmutableDictionary<string, string>.Empty, TaskState.TaskRunning, DateTimeOffset.UtcNow)]), LaunchTally.None);

    [Fact]
    public void What_the_framework_publishes_on_this_instance_reaches_its_observer()
    {
        StartBridge(Sys, _observer);

        Sys.EventStream.Publish(new FrameworkSubscribed("fw-7", "http://m1:5050"));
        Sys.EventStream.Publish(OneTask("relay-warmer-1"));
        Sys.EventStream.Publish(new SampleFailed("metric: timed out", DateTimeOffset.UtcNow));
        Sys.EventStream.Publish(new OffersHandled(Received: 3, Declined: 1));

        AwaitAssert(() =>
        {
            var seen = _observer.Current;
            Assert.Equal(("fw-7", true), (seen.FrameworkId, seen.Subscribed));
            Assert.True(seen.Tasks.Contains("relay-warmer-1"));
            Assert.Equal((1L, "metric: timed out"), (seen.SampleFailures, seen.LastSampleFailure));
            Assert.Equal((3L, 1L), (seen.OffersReceived, seen.OffersDeclined));
        }, Patience);
    }

    [Fact]
    public void Journal_write_times_go_to_the_histogram()
    {
        StartBridge(Sys, _observer);

        Sys.EventStream.Publish(new JournalWriteTimed(TimeSpan.FromMilliseconds(250)));
        Sys.EventStream.Publish(new JournalWriteTimed(TimeSpan.FromMilliseconds(750)));

        AwaitAssert(() => Assert.Equal(2, _metrics.JournalWrites.Count), Patience);
        Assert.Equal(1.0, _metrics.JournalWrites.Sum, precision: 9);
    }

    [Fact]
    public void A_standby_shows_what_the_leaders_instance_observed_and_the_leader_counts_its_own_events_once()
    {
        var standbyObserver = new RelayObserver();
        _standby = LoopbackCluster.Join(Sys);
        var standbyAddress = Cluster.Get(_standby).SelfAddress;
        AwaitCondition(() => LoopbackCluster.IsUp(Sys, standbyAddress) && LoopbackCluster.IsUp(_standby, Cluster.Get(Sys).SelfAddress), Patience);
        StartBridge(Sys, _observer);
        StartBridge(_standby, standbyObserver);
        Sys.EventStream.Publish(new LeadershipStatus(IsLeader: true, Epoch: 1));
        AwaitAssert(() => Assert.True(_observer.Current.IsLeader), Patience);

        // The leader's mediator learns of the standby's subscription by gossip: until then a publication reaches nobody
        // there. A task table says the same however often it arrives, so it is sent until the standby shows it.
        AwaitAssert(() =>
        {
            Sys.EventStream.Publish(OneTask("relay-warmer-1"));
            Assert.True(standbyObserver.Current.Tasks.Contains("relay-warmer-1"));
        }, Patience, TimeSpan.FromMilliseconds(250));

        Sys.EventStream.Publish(new SampleFailed("metric: exited with code 1", DateTimeOffset.UtcNow));

        AwaitAssert(() => Assert.Equal(1L, standbyObserver.Current.SampleFailures), Patience);
        Assert.Equal("metric: exited with code 1", standbyObserver.Current.LastSampleFailure);
        // Its own copy through the topic came back to the leader before the standby's crossed the wire: it was not counted again.
        Assert.Equal(1L, _observer.Current.SampleFailures);
        Assert.False(standbyObserver.Current.IsLeader);
    }

    [Fact]
    public void A_standby_that_starts_after_a_loop_was_paused_and_another_ended_still_shows_both()
    {
        string[] loops = ["alpha", "beta", "gamma"];
        var leaderObserver = new RelayObserver(loops);
        var standbyObserver = new RelayObserver(loops);
        _standby = LoopbackCluster.Join(Sys);
        var standbyAddress = Cluster.Get(_standby).SelfAddress;
        AwaitCondition(() => LoopbackCluster.IsUp(Sys, standbyAddress) && LoopbackCluster.IsUp(_standby, Cluster.Get(Sys).SelfAddress), Patience);
        StartBridge(Sys, leaderObserver);
        Sys.EventStream.Publish(new LeadershipStatus(IsLeader: true, Epoch: 1));
        Sys.EventStream.Publish(new OperatorState(true, 6, "beta"));
        Sys.EventStream.Publish(new LoopEnded("gamma", "stop condition settled met after 12 steps"));
        AwaitAssert(() => Assert.Equal("ended", leaderObserver.Current.Loops["gamma"].State), Patience);

        // Published before the standby listened: only a replay from the leader's instance can tell it.
        StartBridge(_standby, standbyObserver);
        var step = 0L;
        AwaitAssert(() =>
        {
            Sys.EventStream.Publish(new DecisionMade(
                new ControllerInput(5, 3, DateTimeOffset.UtcNow), new ControllerDecision(2, 2, 1, 2, DecisionReason.ControlLaw), 2, ++step, "alpha"));
            Assert.Equal(("paused", 6.0), (standbyObserver.Current.Loops["beta"].State, standbyObserver.Current.Loops["beta"].Operator?.TargetOverride));
            Assert.Equal(("ended", "stop condition settled met after 12 steps"), (standbyObserver.Current.Loops["gamma"].State, standbyObserver.Current.Loops["gamma"].Ended));
        }, Patience, TimeSpan.FromMilliseconds(250));
        Assert.Equal("running", standbyObserver.Current.Loops["alpha"].State);
        Assert.NotNull(standbyObserver.Current.Loops["alpha"].LastDecision);
        Assert.False(standbyObserver.Current.IsLeader);
    }
}
