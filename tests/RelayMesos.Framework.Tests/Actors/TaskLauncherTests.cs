using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Framework.Tests.Actors;

public sealed class TaskLauncherTests : Akka.TestKit.Xunit2.TestKit
{
    public TaskLauncherTests()
        : base(FrameworkTestConfig.Config)
    {
    }

    [Fact]
    public void What_an_accept_leaves_of_its_offers_is_not_refused()
    {
        // The plant bench stalled for the whole refuse period: the ACCEPT waits for the journal, a REVIVE for a grown
        // demand overtook it, and the master then refused the accepted offers' leftovers for `refuse` (30 s).
        var settings = FrameworkFixtures.Settings();
        var gateway = CreateTestProbe("gateway");
        var planner = CreateTestProbe("planner");
        var reconciler = CreateTestProbe("reconciler");
        var handler = Sys.ActorOf(Props.Create(() => new OfferHandler(settings, TimeProvider.System, NullLogger.Instance)));
        var launcher = Sys.ActorOf(Props.Create(() => new TaskLauncher(settings, TimeProvider.System, NullLogger.Instance)));
        handler.Tell(new FrameworkActors(gateway.Ref, handler, planner.Ref, reconciler.Ref, ActorRefs.Nobody), ActorRefs.NoSender);
        launcher.Tell(new FrameworkActors(gateway.Ref, handler, launcher, reconciler.Ref, ActorRefs.Nobody), ActorRefs.NoSender);
        handler.Tell(new FrameworkSubscribed("fw", "http://master"), ActorRefs.NoSender);
        handler.Tell(new Demand(TaskKind.Warmer, 1, 1, LaunchTally.None), ActorRefs.NoSender);
        handler.Tell(new OffersReceived([FrameworkFixtures.Offer("o1", "a1", 4, 1024)]), ActorRefs.NoSender);

        launcher.Tell(planner.ExpectMsg<LaunchPlanned>(), ActorRefs.NoSender);

        var accept = reconciler.ExpectMsg<RecordLaunches>().Accept.Accept;
        Assert.Equal(["o1"], accept.OfferIds.Select(o => o.Value));
        Assert.True(accept.Filters.HasRefuseSeconds, "an absent refuse_seconds means Mesos' default of 5 s");
        Assert.Equal(0, accept.Filters.RefuseSeconds);
        Assert.NotEqual(0, settings.RefuseOffers.TotalSeconds);
    }
}
