using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Tests.Web;

public sealed class RelayObserverTests
{
    private static DecisionMade Step(long step) =>
        new(new ControllerInput(5, 3, DateTimeOffset.UtcNow), new ControllerDecision(2, 2, 1, 2, DecisionReason.ControlLaw), 2, step);

    [Fact]
    public void A_new_term_does_not_show_the_last_decision_of_an_earlier_term()
    {
        var observer = new RelayObserver();
        observer.Record(new LeadershipStatus(true, 1));
        observer.Record(Step(149));
        observer.Record(new LeadershipStatus(false, null));

        observer.Record(new LeadershipStatus(true, 3));

        Assert.Null(observer.Current.LastDecision);
        observer.Record(Step(175));
        Assert.Equal(175, observer.Current.LastDecision!.Step);
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
