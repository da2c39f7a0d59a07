using Akka.Actor;
using Akka.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Framework.Tests.Actors;

public sealed class StatusReconcilerTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _gateway;
    private readonly TestProbe _parent;
    private readonly TestProbe _poller;

    public StatusReconcilerTests()
        : base(FrameworkTestConfig.Config)
    {
        _gateway = CreateTestProbe("gateway");
        _parent = CreateTestProbe("parent");
        _poller = CreateTestProbe("poller");
    }

    private IActorRef Start(FrameworkSettings? settings = null)
    {
        var s = settings ?? FrameworkFixtures.Settings();
        var host = Sys.ActorOf(Props.Create(() => new ChildHost(
            Props.Create(() => new StatusReconciler(s, TimeProvider.System, NullLogger.Instance)), _parent.Ref)));
        host.Tell(new FrameworkActors(_gateway.Ref, ActorRefs.Nobody, ActorRefs.Nobody, ActorRefs.Nobody, ActorRefs.Nobody, _poller.Ref), ActorRefs.NoSender);
        return host;
    }

    /// <summary>A reconciler of several loops (each loop's settings).</summary>
    private IActorRef StartLoops(params FrameworkSettings[] loops)
    {
        var host = Sys.ActorOf(Props.Create(() => new ChildHost(
            Props.Create(() => new StatusReconciler(loops[0], TimeProvider.System, NullLogger.Instance, null, loops)), _parent.Ref)));
        host.Tell(new FrameworkActors(_gateway.Ref, ActorRefs.Nobody, ActorRefs.Nobody, ActorRefs.Nobody, ActorRefs.Nobody, _poller.Ref), ActorRefs.NoSender);
        return host;
    }

    private static TaskRecord Record(string id, DateTimeOffset at) =>
        new(id, TaskKind.Warmer, "a1", "a1.host", new Dictionary<string, string>(), TaskState.TaskStaging, at);

    private static Call Accept() => new() { Type = Call.Types.Type.Accept, Accept = new Call.Types.Accept() };

    private Task<List<object>> JournalEvents() => JournalReader.ReadAsync(Sys, PersistenceIds.Reconciler(FrameworkFixtures.Settings()));

    [Fact]
    public async Task Launches_are_journaled_before_the_launcher_is_told_to_send_accept()
    {
        var reconciler = Start();
        var launcher = CreateTestProbe("launcher");

        launcher.Send(reconciler, new RecordLaunches([Record("t1", DateTimeOffset.UtcNow), Record("t2", DateTimeOffset.UtcNow)], Accept()));

        var recorded = launcher.ExpectMsg<LaunchesRecorded>();
        Assert.Equal(2, recorded.Count);
        var launched = Assert.Single((await JournalEvents()).OfType<TasksLaunched>());
        Assert.Equal(["t1", "t2"], launched.Tasks.Select(t => t.TaskId));
    }

    [Fact]
    public async Task An_update_with_a_uuid_is_acknowledged_after_its_state_is_journaled_and_one_without_is_not()
    {
        var reconciler = Start();
        var launcher = CreateTestProbe("launcher");
        launcher.Send(reconciler, new RecordLaunches([Record("t1", DateTimeOffset.UtcNow)], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();

        var running = FrameworkFixtures.Status("t1", TaskState.TaskRunning);
        reconciler.Tell(new StatusUpdateReceived(running), ActorRefs.NoSender);

        var ack = _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Acknowledge).Call.Acknowledge;
        Assert.Equal(running.Uuid, ack.Uuid);
        Assert.Equal("t1", ack.TaskId.Value);
        Assert.Contains((await JournalEvents()).OfType<TaskStateChanged>(), e => e.TaskId == "t1" && e.State == TaskState.TaskRunning);
        // The poller hears the count once when the peers are known (0), then on each change.
        Assert.Equal(0, _poller.ExpectMsg<RunningWarmersChanged>().Count);
        Assert.Equal(1, _poller.ExpectMsg<RunningWarmersChanged>().Count);

        reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t1", TaskState.TaskFinished, withUuid: false)), ActorRefs.NoSender);
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_live_task_the_journal_does_not_know_is_killed()
    {
        var reconciler = Start();
        reconciler.Tell(new FrameworkSubscribed("fw-1", "http://m"), ActorRefs.NoSender);

        reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("stranger", TaskState.TaskRunning, withUuid: false)), ActorRefs.NoSender);

        var kill = _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Kill).Call.Kill;
        Assert.Equal("stranger", kill.TaskId.Value);
    }

    [Fact]
    public void A_scale_in_kill_the_controller_could_not_see_yet_answers_its_next_step_too()
    {
        // Seen in a loaded failover run: step 33 asked for one kill, step 34 counted a table without that kill
        // (the task still looked running) and asked again, so two warmers died and one was launched back.
        var reconciler = Start();
        var launcher = CreateTestProbe("launcher");
        var start = DateTimeOffset.UtcNow;
        launcher.Send(reconciler, new RecordLaunches([.. Enumerable.Range(1, 4).Select(i => Record($"t{i}", start.AddSeconds(i)))], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();
        _gateway.IgnoreMessages<SendCall>(c => c.Call.Type != Call.Types.Type.Kill);
        for (var i = 1; i <= 4; i++)
        {
            reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status($"t{i}", TaskState.TaskRunning)), ActorRefs.NoSender);
        }

        reconciler.Tell(new KillWarmers(1, Step: 33, KillsCounted: 0), ActorRefs.NoSender);
        Assert.Equal("t4", _gateway.ExpectMsg<SendCall>().Call.Kill.TaskId.Value);

        reconciler.Tell(new KillWarmers(1, Step: 34, KillsCounted: 0), ActorRefs.NoSender);
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        // Once the controller has counted that kill, a surplus it still sees is a new one.
        reconciler.Tell(new KillWarmers(1, Step: 35, KillsCounted: 1), ActorRefs.NoSender);
        Assert.Equal("t3", _gateway.ExpectMsg<SendCall>().Call.Kill.TaskId.Value);
    }

    [Fact]
    public void A_removed_long_running_loop_has_its_own_tasks_killed_and_nothing_more_launched_for_it()
    {
        var gamma = FrameworkFixtures.Settings(ControllerMode.LongRunning) with { Loop = "gamma" };
        var alpha = gamma with { Loop = "alpha" };
        var reconciler = StartLoops(alpha, gamma);
        var launcher = CreateTestProbe("launcher");
        var now = DateTimeOffset.UtcNow;
        launcher.Send(reconciler, new RecordLaunches(
            [Record("a1", now) with { Loop = "alpha" }, Record("g1", now) with { Loop = "gamma" }, Record("g2", now) with { Loop = "gamma" }], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();
        foreach (var task in new[] { "a1", "g1", "g2" })
        {
            reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status(task, TaskState.TaskRunning)), ActorRefs.NoSender);
        }

        _gateway.IgnoreMessages<SendCall>(c => c.Call.Type != Call.Types.Type.Kill);
        reconciler.Tell(new RetireLoop("gamma", KillTasks: true), ActorRefs.NoSender);
        reconciler.Tell(new LoopSettingsChanged([alpha]), ActorRefs.NoSender);

        var killed = new[] { _gateway.ExpectMsg<SendCall>(), _gateway.ExpectMsg<SendCall>() }.Select(c => c.Call.Kill.TaskId.Value).Order();
        Assert.Equal(["g1", "g2"], killed);
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // A launch the offer handler planned for it before it heard of the removal is never journaled, so never sent.
        var tables = CreateTestProbe("tables");
        Sys.EventStream.Subscribe(tables.Ref, typeof(TaskTableChanged));
        launcher.Send(reconciler, new RecordLaunches([Record("g3", now) with { Loop = "gamma" }, Record("a2", now) with { Loop = "alpha" }], Accept()));
        Assert.Equal(1, launcher.ExpectMsg<LaunchesRecorded>().Count);
        var table = tables.FishForMessage<TaskTableChanged>(t => t.Table.Contains("a2")).Table;
        Assert.False(table.Contains("g3"));
    }

    [Fact]
    public void A_removed_run_to_completion_loop_leaves_its_tasks_to_run_to_their_end()
    {
        var gamma = FrameworkFixtures.Settings() with { Loop = "gamma" };
        var reconciler = StartLoops(gamma with { Loop = "alpha" }, gamma);
        var launcher = CreateTestProbe("launcher");
        launcher.Send(reconciler, new RecordLaunches([Record("g1", DateTimeOffset.UtcNow) with { Loop = "gamma" }], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();
        reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("g1", TaskState.TaskRunning)), ActorRefs.NoSender);

        reconciler.Tell(new RetireLoop("gamma", KillTasks: false), ActorRefs.NoSender);

        Assert.DoesNotContain(_gateway.ReceiveWhile<SendCall>(_ => true, TimeSpan.FromMilliseconds(500)), c => c.Call.Type == Call.Types.Type.Kill);
    }

    [Fact]
    public void Reaching_max_failures_asks_the_parent_to_stop_with_the_configured_exit_code()
    {
        var reconciler = Start(FrameworkFixtures.Settings(maxFailures: 2) with { MaxFailuresExitCode = 7 });
        var launcher = CreateTestProbe("launcher");
        launcher.Send(reconciler, new RecordLaunches([Record("t1", DateTimeOffset.UtcNow), Record("t2", DateTimeOffset.UtcNow)], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();

        reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t1", TaskState.TaskFailed)), ActorRefs.NoSender);
        _parent.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t2", TaskState.TaskFailed)), ActorRefs.NoSender);

        var stop = _parent.ExpectMsg<StopRequested>();
        Assert.Equal(7, stop.ExitCode);
        Assert.Contains("max-failures", stop.Reason);
    }

    [Fact]
    public async Task A_loop_applied_again_after_it_ran_out_of_failures_launches_again_and_its_count_stays_reset_after_a_restart()
    {
        var gamma = FrameworkFixtures.Settings(maxFailures: 2) with { Loop = "gamma" };
        var loops = new[] { gamma with { Loop = "alpha" }, gamma };
        var first = StartLoops(loops);
        var launcher = CreateTestProbe("launcher");
        launcher.Send(first, new RecordLaunches([Record("g1", DateTimeOffset.UtcNow) with { Loop = "gamma" }, Record("g2", DateTimeOffset.UtcNow) with { Loop = "gamma" }], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();
        first.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("g1", TaskState.TaskFailed)), ActorRefs.NoSender);
        first.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("g2", TaskState.TaskFailed)), ActorRefs.NoSender);
        Assert.Equal("gamma", _parent.ExpectMsg<StopRequested>().Loop);

        first.Tell(new ResetFailures("gamma"), ActorRefs.NoSender);
        launcher.Send(first, new RecordLaunches([Record("g3", DateTimeOffset.UtcNow) with { Loop = "gamma" }], Accept()));

        Assert.Equal(1, launcher.ExpectMsg<LaunchesRecorded>().Count);
        await first.GracefulStop(TimeSpan.FromSeconds(5));
        var second = StartLoops(loops);
        launcher.Send(second, new RecordLaunches([Record("g4", DateTimeOffset.UtcNow) with { Loop = "gamma" }], Accept()));
        Assert.Equal(1, launcher.ExpectMsg<LaunchesRecorded>().Count);
        _parent.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_term_that_recovers_a_spent_failure_budget_stops_the_run_and_launches_nothing()
    {
        // The term that ran out of failures stopped, but its stop reached not every member: the next singleton
        // recovers the same journal.
        var settings = FrameworkFixtures.Settings(maxFailures: 2) with { MaxFailuresExitCode = 7 };
        var first = Start(settings);
        var launcher = CreateTestProbe("launcher");
        launcher.Send(first, new RecordLaunches([Record("t1", DateTimeOffset.UtcNow), Record("t2", DateTimeOffset.UtcNow)], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();
        first.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t1", TaskState.TaskFailed)), ActorRefs.NoSender);
        first.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t2", TaskState.TaskFailed)), ActorRefs.NoSender);
        _parent.ExpectMsg<StopRequested>();
        await first.GracefulStop(TimeSpan.FromSeconds(5));

        var successor = Start(settings);
        var stop = _parent.ExpectMsg<StopRequested>();
        Assert.Equal(7, stop.ExitCode);
        Assert.Contains("max-failures reached: 2 failures", stop.Reason);

        launcher.Send(successor, new RecordLaunches([Record("t3", DateTimeOffset.UtcNow)], Accept()));
        launcher.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain((await JournalEvents()).OfType<TasksLaunched>(), e => e.Tasks.Any(t => t.TaskId == "t3"));
    }

    [Fact]
    public void After_subscription_known_tasks_are_reconciled_explicitly()
    {
        var reconciler = Start();
        var launcher = CreateTestProbe("launcher");
        launcher.Send(reconciler, new RecordLaunches([Record("t1", DateTimeOffset.UtcNow.AddMinutes(-1))], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();

        reconciler.Tell(new FrameworkSubscribed("fw-1", "http://m"), ActorRefs.NoSender);

        var reconcile = _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Reconcile).Call.Reconcile;
        Assert.Equal("t1", Assert.Single(reconcile.Tasks).TaskId.Value);
    }

    [Fact]
    public void A_launch_that_may_still_be_on_its_way_to_the_master_is_not_reconciled_yet()
    {
        var reconciler = Start();
        var launcher = CreateTestProbe("launcher");
        launcher.Send(reconciler, new RecordLaunches([Record("old", DateTimeOffset.UtcNow.AddMinutes(-1)), Record("new", DateTimeOffset.UtcNow)], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();

        reconciler.Tell(new FrameworkSubscribed("fw-1", "http://m"), ActorRefs.NoSender);

        var reconcile = _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Reconcile).Call.Reconcile;
        Assert.Equal(["old"], reconcile.Tasks.Select(t => t.TaskId.Value));
    }

    [Fact]
    public void A_task_reported_lost_that_shows_up_alive_is_taken_back_not_killed()
    {
        var reconciler = Start();
        var launcher = CreateTestProbe("launcher");
        var tables = CreateTestProbe("tables");
        Sys.EventStream.Subscribe(tables.Ref, typeof(TaskTableChanged));
        reconciler.Tell(new FrameworkSubscribed("fw-1", "http://m"), ActorRefs.NoSender);
        launcher.Send(reconciler, new RecordLaunches([Record("t1", DateTimeOffset.UtcNow)], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();

        // The answer a master gives to a reconciliation that overtook the launch, then the task's real update.
        reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t1", TaskState.TaskLost, withUuid: false)), ActorRefs.NoSender);
        var asker = CreateTestProbe("asker");
        asker.Send(reconciler, GetTaskTable.Instance);
        Assert.False(asker.ExpectMsg<TaskTableChanged>().Table.Contains("t1"));
        reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t1", TaskState.TaskRunning)), ActorRefs.NoSender);

        tables.FishForMessage<TaskTableChanged>(t => t.Table.Contains("t1") && t.Table.Tasks["t1"].State == TaskState.TaskRunning);
        _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Acknowledge);
        Assert.DoesNotContain(_gateway.ReceiveWhile<SendCall>(_ => true, TimeSpan.FromMilliseconds(500)), c => c.Call.Type == Call.Types.Type.Kill);
    }

    [Fact]
    public void An_update_that_arrives_out_of_order_does_not_move_a_task_back()
    {
        var reconciler = Start();
        var launcher = CreateTestProbe("launcher");
        launcher.Send(reconciler, new RecordLaunches([Record("t1", DateTimeOffset.UtcNow)], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();
        reconciler.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t1", TaskState.TaskRunning)), ActorRefs.NoSender);
        _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Acknowledge);

        var late = FrameworkFixtures.Status("t1", TaskState.TaskStarting);
        reconciler.Tell(new StatusUpdateReceived(late), ActorRefs.NoSender);

        Assert.Equal(late.Uuid, _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Acknowledge).Call.Acknowledge.Uuid);
        var asker = CreateTestProbe("asker");
        asker.Send(reconciler, GetTaskTable.Instance);
        Assert.Equal(TaskState.TaskRunning, asker.ExpectMsg<TaskTableChanged>().Table.Tasks["t1"].State);
        _poller.FishForMessage<RunningWarmersChanged>(m => m.Count == 1);
        _poller.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_restarted_reconciler_recovers_the_framework_id_and_the_task_table_from_the_journal()
    {
        var first = Start();
        var launcher = CreateTestProbe("launcher");
        first.Tell(new FrameworkSubscribed("fw-42", "http://m"), ActorRefs.NoSender);
        launcher.Send(first, new RecordLaunches([Record("t1", DateTimeOffset.UtcNow), Record("t2", DateTimeOffset.UtcNow), Record("t3", DateTimeOffset.UtcNow)], Accept()));
        launcher.ExpectMsg<LaunchesRecorded>();
        first.Tell(new StatusUpdateReceived(FrameworkFixtures.Status("t2", TaskState.TaskFinished)), ActorRefs.NoSender);
        _gateway.FishForMessage<SendCall>(c => c.Call.Type == Call.Types.Type.Acknowledge);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var tables = CreateTestProbe("tables");
        Sys.EventStream.Subscribe(tables.Ref, typeof(TaskTableChanged));
        var second = Start();
        var asker = CreateTestProbe("asker");
        asker.Send(second, GetFrameworkId.Instance);

        Assert.Equal("fw-42", asker.ExpectMsg<FrameworkIdentity>().FrameworkId);
        var table = tables.ExpectMsg<TaskTableChanged>().Table;
        Assert.Equal(["t1", "t3"], table.Tasks.Keys.Order());
        await Task.CompletedTask;
    }
}
