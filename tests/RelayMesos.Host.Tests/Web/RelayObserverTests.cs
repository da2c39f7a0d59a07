using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Tests.Web;

public sealed class RelayObserverTests
{
    private static DecisionMade Step(long step) =>
        new(new ControllerInput(5, 3, DateTimeOffset.UtcNow), new ControllerDecision(2, 2, 1, 2, DecisionReason.ControlLaw), 2, step);

    [Fact]
    public void A_new_term_keeps_the_last_decision_it_saw_but_awaits_its_first_step()
    {
        var observer = new RelayObserver();
        observer.Record(new LeadershipStatus(true, 1));
        observer.Record(Step(149));
        observer.Record(new LeadershipStatus(false, null));

        observer.Record(new LeadershipStatus(true, 3));

        // The step number a client saw does not go back to nothing; the API shows the journal's newest step as recovered.
        Assert.Equal(149, observer.Current.LastDecision!.Step);
        Assert.True(observer.Current.AwaitsFirstStep);
        observer.Record(Step(175));
        Assert.Equal(175, observer.Current.LastDecision!.Step);
        Assert.False(observer.Current.AwaitsFirstStep);
    }

    [Fact]
    public void A_step_older_than_one_shown_is_neither_shown_nor_added_to_history()
    {
        var observer = new RelayObserver();
        observer.Record(Step(130));

        // What a deposed leader that woke up publishes from its queue.
        observer.Record(Step(100));

        Assert.Equal(130, observer.Current.LastDecision!.Step);
        Assert.Equal([130L], observer.Recent().Select(e => e.Step));
    }

    [Fact]
    public void The_same_term_keeps_its_last_decision_when_its_framework_restarts()
    {
        var observer = new RelayObserver();
        observer.Record(new LeadershipStatus(true, 2));
        observer.Record(Step(10));

        observer.Record(new LeadershipStatus(true, 2));

        Assert.Equal(10, observer.Current.LastDecision!.Step);
    }

    [Fact]
    public void With_several_loops_the_status_follows_the_first_and_every_loop_keeps_its_own()
    {
        var observer = new RelayObserver(["invoices", "orders"]);

        observer.Record(Step(7) with { Loop = "invoices" });
        observer.Record(Step(40) with { Loop = "orders" });
        observer.Record(new DemandProgress(Framework.Settings.TaskKind.Warmer, 3, 1, Starved: true, Loop: "orders"));
        observer.Record(new SampleFailed("metric: exit 1", DateTimeOffset.UtcNow, "orders"));

        var state = observer.Current;
        Assert.Equal(7, state.LastDecision!.Step);
        Assert.Null(state.Demand);
        Assert.Equal(0, state.SampleFailures);
        Assert.Equal(["invoices", "orders"], state.Loops.Keys.Order());
        Assert.Equal(40, state.Loops["orders"].LastDecision!.Step);
        Assert.True(state.Loops["orders"].Demand!.Starved);
        Assert.Equal("metric: exit 1", state.Loops["orders"].LastSampleFailure);
        Assert.Equal([7], observer.Recent().Select(e => e.Step));
    }

    [Fact]
    public void Each_loop_keeps_its_own_recent_steps_and_operator_changes_and_feeds_its_own_listeners()
    {
        var observer = new RelayObserver(["invoices", "orders"]);
        using var stop = new CancellationTokenSource();
        var orders = observer.Listen("orders", stop.Token);
        observer.Record(new OperatorState(false, null, "orders"));

        observer.Record(Step(7) with { Loop = "invoices" });
        observer.Record(Step(40) with { Loop = "orders" });
        observer.Record(new OperatorState(true, 4, "orders"));
        observer.Record(Step(41) with { Loop = "orders" });

        Assert.Equal([7L], observer.Recent("invoices").Select(e => e.Step));
        Assert.Equal(["step", "paused", "target-overridden", "step"], observer.Recent("orders").Select(e => e.Kind));
        Assert.Equal(4, observer.Recent("orders")[^1].TargetOverride);
        Assert.Empty(observer.Recent("nosuch"));
        Assert.True(orders.TryRead(out var first));
        Assert.Equal(40, first.Step);
        Assert.Equal(3, orders.Count);
        // The first loop's status does not move with another loop's pause.
        Assert.Null(observer.Current.Operator);
    }

    [Fact]
    public void A_loop_that_ended_shows_ended_until_it_steps_again()
    {
        var observer = new RelayObserver(["invoices", "orders"]);
        observer.Record(Step(40) with { Loop = "orders" });
        observer.Record(new OperatorState(true, null, "orders"));
        Assert.Equal("paused", observer.Current.Loops["orders"].State);

        observer.Record(new LoopEnded("orders", "max-failures reached in loop orders"));

        Assert.Equal(("ended", "max-failures reached in loop orders"), (observer.Current.Loops["orders"].State, observer.Current.Loops["orders"].Ended));
        Assert.Equal("running", observer.Current.Loops["invoices"].State);

        // A new term starts every loop again.
        observer.Record(new OperatorState(false, null, "orders"));
        observer.Record(Step(41) with { Loop = "orders" });
        Assert.Equal(("running", null), (observer.Current.Loops["orders"].State, observer.Current.Loops["orders"].Ended));
    }

    [Fact]
    public void A_replay_brings_another_observer_to_the_same_view_of_every_loop()
    {
        var leader = new RelayObserver(["invoices", "orders"]);
        leader.Record(new FrameworkSubscribed("fw-1", "http://m1:5050"));
        leader.Record(new OperatorState(false, 2.5, "invoices"));
        leader.Record(Step(7) with { Loop = "invoices" });
        leader.Record(new OperatorState(true, null, "orders"));
        leader.Record(Step(40) with { Loop = "orders" });
        leader.Record(new DemandProgress(Framework.Settings.TaskKind.Warmer, 3, 1, Starved: true, Loop: "orders"));
        leader.Record(new LoopEnded("orders", "stop condition settled met after 40 steps"));
        var standby = new RelayObserver(["invoices", "orders"]);

        foreach (var e in leader.Replay())
        {
            standby.Record(e);
        }

        var (seen, shown) = (leader.Current, standby.Current);
        Assert.Equal((seen.FrameworkId, seen.SubscribedMaster, true), (shown.FrameworkId, shown.SubscribedMaster, shown.Subscribed));
        Assert.Equal(seen.LastDecision!.Step, shown.LastDecision!.Step);
        Assert.Equal(seen.Operator, shown.Operator);
        foreach (var loop in new[] { "invoices", "orders" })
        {
            var (mine, theirs) = (seen.Loops[loop], shown.Loops[loop]);
            Assert.Equal((mine.State, mine.Ended, mine.Operator, mine.Demand), (theirs.State, theirs.Ended, theirs.Operator, theirs.Demand));
            Assert.Equal(mine.LastDecision!.Step, theirs.LastDecision!.Step);
        }
    }

    [Fact]
    public void Many_loops_share_a_bounded_memory_of_recent_steps()
    {
        Assert.Equal(RelayObserver.RingCapacity, RelayObserver.RingCapacityFor(1));
        Assert.Equal(RelayObserver.RingCapacity, RelayObserver.RingCapacityFor(30));
        Assert.Equal(600, RelayObserver.RingCapacityFor(100));
        Assert.Equal(RelayObserver.MinRingCapacity, RelayObserver.RingCapacityFor(1000));
        Assert.Equal(RelayObserver.MinRingCapacity, RelayObserver.RingCapacityFor(100_000));

        var observer = new RelayObserver(Enumerable.Range(0, 1000).Select(i => $"loop-{i}").ToList());
        for (var step = 1; step <= RelayObserver.MinRingCapacity + 10; step++)
        {
            observer.Record(Step(step) with { Loop = "loop-7" });
        }

        Assert.Equal(Enumerable.Range(11, RelayObserver.MinRingCapacity).Select(s => (long)s), observer.Recent("loop-7").Select(e => e.Step));
    }
}
