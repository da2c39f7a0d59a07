using Akka.Actor;
using Akka.Persistence.TestKit;
using Akka.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Framework.Tests.Actors;

public sealed class RelayControllerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ControllerSettings Controller = ControllerSettings.Default with { Lookback = 20 };
    private readonly TestProbe _offers;
    private readonly TestProbe _reconciler;

    public RelayControllerTests()
        : base(FrameworkTestConfig.Config)
    {
        _offers = CreateTestProbe("offers");
        _reconciler = CreateTestProbe("reconciler");
    }

    private IActorRef Start(FrameworkSettings settings) => ControllerHarness.Start(Sys, Controller, settings, _offers, _reconciler);

    [Fact]
    public void Too_cold_demands_warmers()
    {
        var controller = Start(FrameworkFixtures.Settings());

        controller.Tell(new Sample(Target: 5, Metric: 0, DateTimeOffset.UtcNow), ActorRefs.NoSender);

        var demand = _offers.ExpectMsg<Demand>();
        Assert.Equal(TaskKind.Warmer, demand.Kind);
        Assert.True(demand.Count > 0);
    }

    [Fact]
    public void Too_hot_in_long_running_mode_kills_warmers_and_demands_nothing()
    {
        var controller = Start(FrameworkFixtures.Settings(ControllerMode.LongRunning));

        controller.Tell(new Sample(Target: 0, Metric: 4, DateTimeOffset.UtcNow), ActorRefs.NoSender);

        Assert.Equal(0, _offers.ExpectMsg<Demand>().Count);
        Assert.True(_reconciler.ExpectMsg<KillWarmers>().Count > 0);
    }

    [Fact]
    public void Tasks_that_started_running_after_the_metric_was_read_count_in_flight_and_are_not_launched_again()
    {
        // Issue 13: the `tasks` metric read 0 while the five warmers were starting; by the time the sample reached the
        // controller they were all running. Counted as running, the metric's 0 said "five missing" and five more
        // launched (later killed as surplus). They took effect after the reading, so the reading cannot hold them.
        var longRunning = Controller with { Mode = ControllerMode.LongRunning };
        var controller = ControllerHarness.Start(Sys, longRunning, FrameworkFixtures.Settings(ControllerMode.LongRunning), _offers, _reconciler);
        var readAt = DateTimeOffset.UtcNow;
        var running = Enumerable.Range(0, 5).Select(i => new TaskRecord(
            $"w{i}", TaskKind.Warmer, "a1", "agent-1", new Dictionary<string, string>(), Mesos.V1.TaskState.TaskRunning,
            LaunchedAt: readAt.AddSeconds(-2), RunningSince: readAt.AddMilliseconds(50)));
        controller.Tell(new TaskTableChanged(TaskTable.Empty.WithLaunched(running), new LaunchTally(5, 0)), ActorRefs.NoSender);

        controller.Tell(new Sample(Target: 5, Metric: 0, readAt.AddMilliseconds(100), MetricReadAt: readAt), ActorRefs.NoSender);

        var demand = _offers.ExpectMsg<Demand>();
        Assert.Equal(0, demand.Count);
        Assert.Equal(new LaunchTally(5, 0), demand.Counted);
        _reconciler.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // Read once they run, the metric holds them: nothing to do either way.
        controller.Tell(new Sample(Target: 5, Metric: 5, readAt.AddMilliseconds(300), MetricReadAt: readAt.AddMilliseconds(200)), ActorRefs.NoSender);
        Assert.Equal(0, _offers.ExpectMsg<Demand>().Count);
        _reconciler.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Kills_recorded_after_the_metric_was_read_answer_the_surplus_it_still_shows()
    {
        // Seen on real Mesos under load: the `tasks` metric read 3 while two of the three warmers were being told to
        // stop; the step counted those kills as seen, and the reconciler killed the one warmer to keep as well.
        var longRunning = Controller with { Mode = ControllerMode.LongRunning };
        var controller = ControllerHarness.Start(Sys, longRunning, FrameworkFixtures.Settings(ControllerMode.LongRunning), _offers, _reconciler);
        var readAt = DateTimeOffset.UtcNow;
        var warmers = Enumerable.Range(0, 3).Select(i => new TaskRecord(
            $"w{i}", TaskKind.Warmer, "a1", "agent-1", new Dictionary<string, string>(), Mesos.V1.TaskState.TaskRunning,
            LaunchedAt: readAt.AddSeconds(-10), RunningSince: readAt.AddSeconds(-9))).ToList();
        var table = TaskTable.Empty.WithLaunched(warmers);
        controller.Tell(new TaskTableChanged(table, LaunchTally.None, 0, readAt.AddSeconds(-5)), ActorRefs.NoSender);
        controller.Tell(new TaskTableChanged(table.WithKilling("w2").WithKilling("w1"), LaunchTally.None, 2, readAt.AddMilliseconds(50)), ActorRefs.NoSender);

        controller.Tell(new Sample(Target: 1, Metric: 3, readAt.AddMilliseconds(100), MetricReadAt: readAt), ActorRefs.NoSender);

        var kill = _reconciler.FishForMessage<KillWarmers>(_ => true);
        Assert.Equal(0, kill.KillsCounted);

        // Read after the kills were recorded, the metric reflects them.
        controller.Tell(new Sample(Target: 1, Metric: 3, readAt.AddMilliseconds(300), MetricReadAt: readAt.AddMilliseconds(200)), ActorRefs.NoSender);
        Assert.Equal(2, _reconciler.FishForMessage<KillWarmers>(_ => true).KillsCounted);
    }

    [Fact]
    public async Task Samples_wait_for_the_task_table_and_the_latest_is_stepped_on_when_it_arrives()
    {
        var settings = FrameworkFixtures.Settings();
        var controller = Sys.ActorOf(Props.Create(() => new RelayController(ControllerFactory.Create(Controller), Controller, settings, NullLogger.Instance)));
        controller.Tell(new FrameworkActors(ActorRefs.Nobody, _offers.Ref, ActorRefs.Nobody, _reconciler.Ref, ActorRefs.Nobody), ActorRefs.NoSender);
        _reconciler.ExpectMsg<GetTaskTable>();

        controller.Tell(new Sample(Target: 5, Metric: 0, DateTimeOffset.UtcNow), ActorRefs.NoSender);
        controller.Tell(new Sample(Target: 5, Metric: 1, DateTimeOffset.UtcNow), ActorRefs.NoSender);
        _offers.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // No new sample: the held one is stepped on as soon as the table is known (a term's first step comes a delay sooner).
        _reconciler.Reply(new TaskTableChanged(TaskTable.Empty, LaunchTally.None));
        Assert.True(_offers.ExpectMsg<Demand>().Count > 0);
        _offers.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, (await controller.Ask<ControllerState>(GetControllerState.Instance, TimeSpan.FromSeconds(10))).Steps);
    }

    [Fact]
    public void While_sampling_is_paused_the_demand_is_zero()
    {
        var controller = Start(FrameworkFixtures.Settings());

        controller.Tell(new SamplingPaused("metric down", DateTimeOffset.UtcNow), ActorRefs.NoSender);

        Assert.Equal(0, _offers.ExpectMsg<Demand>().Count);
    }

    [Fact]
    public async Task A_new_controller_recovers_exactly_the_state_the_old_one_had_through_snapshots_and_events()
    {
        var first = Start(FrameworkFixtures.Settings());
        var at = DateTimeOffset.UtcNow;
        var random = new Random(7);
        for (var i = 0; i < 11; i++)
        {
            first.Tell(new Sample(random.Next(0, 10), random.Next(0, 10), at.AddSeconds(i)), ActorRefs.NoSender);
        }

        var before = await first.Ask<ControllerState>(GetControllerState.Instance, TimeSpan.FromSeconds(5));
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Start(FrameworkFixtures.Settings());
        var after = await second.Ask<ControllerState>(GetControllerState.Instance, TimeSpan.FromSeconds(5));

        Assert.Equal(11, before.Steps);
        Assert.True(before.SameAs(after), $"before {before.ToJson()}\nafter  {after.ToJson()}");
    }

    [Fact]
    public async Task A_step_the_journal_fails_to_write_is_not_acted_on_and_the_next_incarnation_carries_on_from_the_journal()
    {
        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        var first = Start(FrameworkFixtures.Settings());
        Watch(first);
        await journal.OnWrite.Fail();

        first.Tell(new Sample(Target: 5, Metric: 0, DateTimeOffset.UtcNow), ActorRefs.NoSender);

        ExpectTerminated(first);
        _offers.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        await journal.OnWrite.Pass();
        var second = Start(FrameworkFixtures.Settings());
        second.Tell(new Sample(Target: 5, Metric: 0, DateTimeOffset.UtcNow), ActorRefs.NoSender);
        Assert.True(_offers.ExpectMsg<Demand>().Count > 0);
        Assert.Equal(1, (await second.Ask<ControllerState>(GetControllerState.Instance, TimeSpan.FromSeconds(10))).Steps);
    }

    [Fact]
    public async Task A_step_the_journal_rejects_is_not_acted_on_and_the_controller_steps_again_once_writes_pass()
    {
        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        var controller = Start(FrameworkFixtures.Settings());
        await journal.OnWrite.Reject();

        controller.Tell(new Sample(Target: 5, Metric: 0, DateTimeOffset.UtcNow), ActorRefs.NoSender);
        _offers.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        await journal.OnWrite.Pass();
        controller.Tell(new Sample(Target: 5, Metric: 0, DateTimeOffset.UtcNow), ActorRefs.NoSender);
        Assert.True(_offers.ExpectMsg<Demand>().Count > 0);
        Assert.Equal(1, (await controller.Ask<ControllerState>(GetControllerState.Instance, TimeSpan.FromSeconds(10))).Steps);
    }
}
