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
}
