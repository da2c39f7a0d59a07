using Akka.Actor;
using Akka.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Framework.Tests.Actors;

public sealed class OfferHandlerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly FrameworkSettings DryRunSettings = FrameworkFixtures.Settings(dryRun: true);
    private readonly TestProbe _gateway;
    private readonly TestProbe _launcher;
    private readonly IActorRef _handler;

    public OfferHandlerTests()
        : base(FrameworkTestConfig.Config)
    {
        _gateway = CreateTestProbe("gateway");
        _launcher = CreateTestProbe("launcher");
        _handler = Sys.ActorOf(Props.Create(() => new OfferHandler(FrameworkFixtures.Settings(), TimeProvider.System, NullLogger.Instance)));
        _handler.Tell(new FrameworkActors(_gateway.Ref, _handler, _launcher.Ref, ActorRefs.Nobody, ActorRefs.Nobody), ActorRefs.NoSender);
        _handler.Tell(new FrameworkSubscribed("fw", "http://master"), ActorRefs.NoSender);
    }

    [Fact]
    public void Nothing_is_sent_to_Mesos_before_the_first_subscription()
    {
        var gateway = CreateTestProbe("quiet-gateway");
        var handler = Sys.ActorOf(Props.Create(() => new OfferHandler(FrameworkFixtures.Settings(), TimeProvider.System, NullLogger.Instance)));
        handler.Tell(new FrameworkActors(gateway.Ref, handler, _launcher.Ref, ActorRefs.Nobody, ActorRefs.Nobody), ActorRefs.NoSender);

        handler.Tell(new Demand(TaskKind.Warmer, 2, 1, LaunchTally.None), ActorRefs.NoSender);
        gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        handler.Tell(new FrameworkSubscribed("fw", "http://master"), ActorRefs.NoSender);
        gateway.ExpectMsg<SendCall>(c => c.Call.Type == Call.Types.Type.Revive);
    }

    [Fact]
    public void Without_demand_every_offer_is_declined_with_the_refuse_filter_and_offers_are_suppressed()
    {
        _handler.Tell(new Demand(TaskKind.Warmer, 0, 1, LaunchTally.None), ActorRefs.NoSender);
        _gateway.ExpectMsg<SendCall>(c => c.Call.Type == Call.Types.Type.Suppress);
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o1", "a1", 4, 1024), FrameworkFixtures.Offer("o2", "a2", 4, 1024)]), ActorRefs.NoSender);

        var decline = _gateway.ExpectMsg<SendCall>(c => c.Call.Type == Call.Types.Type.Decline).Call.Decline;
        Assert.Equal(["o1", "o2"], decline.OfferIds.Select(o => o.Value).Order());
        Assert.Equal(7, decline.Filters.RefuseSeconds);
        _launcher.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Demand_is_launched_with_one_plan_per_agent_and_never_more_than_asked()
    {
        _handler.Tell(new Demand(TaskKind.Warmer, 3, 1, LaunchTally.None), ActorRefs.NoSender);
        _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Revive);

        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o1", "a1", 4, 1024), FrameworkFixtures.Offer("o2", "a2", 4, 1024), FrameworkFixtures.Offer("o3", "a3", 4, 1024)]), ActorRefs.NoSender);

        var plans = _launcher.ReceiveN(3).Cast<LaunchPlanned>().ToList();
        Assert.All(plans, p => Assert.Single(p.Launches.Select(l => l.Launch.AgentId).Distinct()));
        Assert.Equal(3, plans.Sum(p => p.Launches.Count));
        Assert.All(plans, p => Assert.Equal(p.Launches.Select(l => l.Launch.OfferId).Distinct().Order(), p.OfferIds.Select(o => o.Value).Order()));
        _gateway.ExpectMsg<SendCall>(c => c.Call.Type == Call.Types.Type.Suppress);

        // The demand is spent: a later offer is declined, not launched on.
        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o4", "a1", 4, 1024)]), ActorRefs.NoSender);
        _gateway.ExpectMsg<SendCall>(c => c.Call.Type == Call.Types.Type.Decline);
        _launcher.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_demand_counted_before_the_last_launches_were_recorded_does_not_launch_them_again()
    {
        // Issue 13: the controller steps while the launches of its last demand are still on their way into the task
        // table, sees none of them, and demands the same tasks again. Launched twice, the surplus is killed later.
        _handler.Tell(new Demand(TaskKind.Warmer, 3, 1, LaunchTally.None), ActorRefs.NoSender);
        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o1", "a1", 8, 4096)]), ActorRefs.NoSender);
        Assert.Equal(3, _launcher.ExpectMsg<LaunchPlanned>().Launches.Count);

        _handler.Tell(new Demand(TaskKind.Warmer, 3, 2, LaunchTally.None), ActorRefs.NoSender);
        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o2", "a2", 8, 4096)]), ActorRefs.NoSender);
        _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Decline);
        _launcher.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // Counted on a table holding two of the three, a demand of two more launches one: the third is still coming.
        _handler.Tell(new Demand(TaskKind.Warmer, 2, 3, new LaunchTally(2, 0)), ActorRefs.NoSender);
        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o3", "a3", 8, 4096)]), ActorRefs.NoSender);
        Assert.Single(_launcher.ExpectMsg<LaunchPlanned>().Launches);

        // Counted once all four are recorded, a demand is the controller's own again, and so are coolers.
        _handler.Tell(new Demand(TaskKind.Cooler, 2, 4, new LaunchTally(4, 0)), ActorRefs.NoSender);
        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o4", "a1", 8, 4096)]), ActorRefs.NoSender);
        var coolers = _launcher.ExpectMsg<LaunchPlanned>();
        Assert.All(coolers.Launches, l => Assert.Equal(TaskKind.Cooler, l.Kind));
        Assert.Equal(2, coolers.Launches.Count);
    }

    [Fact]
    public void The_latest_demand_replaces_the_previous_one()
    {
        _handler.Tell(new Demand(TaskKind.Warmer, 5, 1, LaunchTally.None), ActorRefs.NoSender);
        _handler.Tell(new Demand(TaskKind.Warmer, 1, 2, LaunchTally.None), ActorRefs.NoSender);

        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o1", "a1", 8, 4096)]), ActorRefs.NoSender);

        var plan = _launcher.ExpectMsg<LaunchPlanned>();
        Assert.Single(plan.Launches);
        _launcher.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Demand_that_offers_cannot_fill_is_reported_as_starved()
    {
        var progress = CreateTestProbe("progress");
        Sys.EventStream.Subscribe(progress.Ref, typeof(DemandProgress));
        _handler.Tell(new Demand(TaskKind.Warmer, 5, 1, LaunchTally.None), ActorRefs.NoSender);
        progress.ExpectMsg<DemandProgress>(p => p.Remaining == 5 && !p.Starved);

        // Room for two 1-cpu tasks only.
        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o1", "a1", 2, 4096)]), ActorRefs.NoSender);

        var starved = progress.ExpectMsg<DemandProgress>();
        Assert.True(starved.Starved);
        Assert.Equal(3, starved.Remaining);
        Assert.Equal(2, _launcher.ExpectMsg<LaunchPlanned>().Launches.Count);
    }

    [Fact]
    public void A_demand_no_offer_came_for_is_reported_as_starved_when_the_next_replaces_it()
    {
        var progress = CreateTestProbe("progress");
        Sys.EventStream.Subscribe(progress.Ref, typeof(DemandProgress));
        _handler.Tell(new Demand(TaskKind.Warmer, 2, 1, LaunchTally.None), ActorRefs.NoSender);
        Assert.False(progress.ExpectMsg<DemandProgress>().Starved);

        _handler.Tell(new Demand(TaskKind.Warmer, 2, 2, LaunchTally.None), ActorRefs.NoSender);
        Assert.True(progress.ExpectMsg<DemandProgress>().Starved);

        // Offers arrive and fill it: the next demand is not starved.
        _handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o1", "a1", 8, 4096)]), ActorRefs.NoSender);
        Assert.False(progress.ExpectMsg<DemandProgress>().Starved);
        _handler.Tell(new Demand(TaskKind.Warmer, 1, 3, LaunchTally.None), ActorRefs.NoSender);
        Assert.False(progress.ExpectMsg<DemandProgress>().Starved);
    }

    [Fact]
    public void Dry_run_decides_but_launches_nothing()
    {
        var handler = Sys.ActorOf(Props.Create(() => new OfferHandler(DryRunSettings, TimeProvider.System, NullLogger.Instance)));
        handler.Tell(new FrameworkActors(_gateway.Ref, handler, _launcher.Ref, ActorRefs.Nobody, ActorRefs.Nobody), ActorRefs.NoSender);
        handler.Tell(new Demand(TaskKind.Warmer, 2, 1, LaunchTally.None), ActorRefs.NoSender);

        handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o1", "a1", 8, 4096)]), ActorRefs.NoSender);

        _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Decline);
        _launcher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
