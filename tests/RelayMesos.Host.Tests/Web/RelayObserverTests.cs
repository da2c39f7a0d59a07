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
}
