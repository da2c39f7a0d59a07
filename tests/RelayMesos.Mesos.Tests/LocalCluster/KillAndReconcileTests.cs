using RelayMesos.LocalCluster;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Reason = RelayMesos.Mesos.V1.TaskStatus.Types.Reason;
using Source = RelayMesos.Mesos.V1.TaskStatus.Types.Source;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class KillAndReconcileTests
{
    [Fact]
    public async Task Kill_sends_SIGTERM_to_the_process_group_first_and_the_task_ends_killed()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        var marker = Path.Combine(cluster.WorkDir, "term-seen");

        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("polite", offer,
            $"trap 'echo term > {marker}; exit 0' TERM; echo $$ > pid; sleep 1000 & wait", killPolicy: TestScheduler.Grace(TimeSpan.FromSeconds(5))));
        await scheduler.AckNextAsync("polite", TaskState.TaskStarting);
        await scheduler.AckNextAsync("polite", TaskState.TaskRunning);
        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        await ProcessProbe.ReadPidAsync(Path.Combine(sandbox, "pid")); // the trap is installed once the pid is written
        await scheduler.Client.KillAsync(new TaskID { Value = "polite" });
        var killed = await scheduler.AckNextAsync("polite");

        Assert.Equal(TaskState.TaskKilled, killed.State);
        Assert.Equal("term", File.ReadAllText(marker).Trim());
    }

    [Fact]
    public async Task A_task_ignoring_SIGTERM_is_SIGKILLed_after_the_grace_period_of_the_kill_call()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();

        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("stubborn", offer,
            "trap '' TERM; echo $$ > pid; while true; do sleep 0.05; done"));
        await scheduler.AckNextAsync("stubborn", TaskState.TaskStarting);
        await scheduler.AckNextAsync("stubborn", TaskState.TaskRunning);
        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        var pid = await ProcessProbe.ReadPidAsync(Path.Combine(sandbox, "pid"));
        await scheduler.Client.KillAsync(new TaskID { Value = "stubborn" }, killPolicy: TestScheduler.Grace(TimeSpan.FromMilliseconds(300)));
        var killed = await scheduler.AckNextAsync("stubborn");

        Assert.Equal(TaskState.TaskKilled, killed.State);
        Assert.Equal("Command terminated with signal Killed", killed.Message);
        await ProcessProbe.WaitUntilGoneAsync(pid);
        Assert.False(ProcessProbe.IsRunning(pid));
    }

    [Fact]
    public async Task Killing_an_unknown_task_answers_like_reconciliation()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);

        await scheduler.Client.KillAsync(new TaskID { Value = "ghost" });
        var lost = await scheduler.NextUpdateAsync("ghost");

        Assert.Equal(TaskState.TaskLost, lost.State);
        Assert.Equal(Source.Master, lost.Source);
        Assert.Equal(Reason.Reconciliation, lost.Reason);
        Assert.True(lost.Uuid.IsEmpty);
    }

    [Fact]
    public async Task Explicit_reconciliation_answers_known_tasks_with_their_state_and_unknown_ones_per_partition_awareness()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster,
            TestScheduler.Framework(capabilities: FrameworkInfo.Types.Capability.Types.Type.PartitionAware));
        var offer = await scheduler.NextOfferAsync();
        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("sleeper", offer, "sleep 30"));
        await scheduler.AckNextAsync("sleeper", TaskState.TaskStarting);
        await scheduler.AckNextAsync("sleeper", TaskState.TaskRunning);

        await scheduler.Client.ReconcileAsync([
            new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = "sleeper" } },
            new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = "nope" }, AgentId = offer.AgentId },
            new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = "never" } },
        ]);
        var known = await scheduler.NextUpdateAsync("sleeper");
        var gone = await scheduler.NextUpdateAsync("nope");
        var unknown = await scheduler.NextUpdateAsync("never");

        Assert.Equal(TaskState.TaskRunning, known.State);
        Assert.Equal(TaskState.TaskGone, gone.State);
        Assert.Equal(TaskState.TaskUnknown, unknown.State);
        Assert.All([known, gone, unknown], s =>
        {
            Assert.Equal(Source.Master, s.Source);
            Assert.Equal(Reason.Reconciliation, s.Reason);
            Assert.True(s.Uuid.IsEmpty);
        });
    }

    [Fact]
    public async Task Implicit_reconciliation_reports_every_known_task()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("a", offer, "sleep 30"), TestScheduler.ShellTask("b", offer, "sleep 30"));
        foreach (var id in new[] { "a", "b" })
        {
            await scheduler.AckNextAsync(id, TaskState.TaskStarting);
            await scheduler.AckNextAsync(id, TaskState.TaskRunning);
        }

        await scheduler.Client.ReconcileAsync([]);
        var a = await scheduler.NextUpdateAsync("a");
        var b = await scheduler.NextUpdateAsync("b");

        Assert.Equal((TaskState.TaskRunning, Reason.Reconciliation), (a.State, a.Reason));
        Assert.Equal((TaskState.TaskRunning, Reason.Reconciliation), (b.State, b.Reason));
    }

    [Fact]
    public async Task Teardown_kills_the_frameworks_tasks_and_a_later_subscribe_with_its_id_is_refused()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("doomed", offer, "echo $$ > pid; sleep 30"));
        await scheduler.AckNextAsync("doomed", TaskState.TaskStarting);
        await scheduler.AckNextAsync("doomed", TaskState.TaskRunning);
        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        var pid = await ProcessProbe.ReadPidAsync(Path.Combine(sandbox, "pid"));

        await scheduler.Client.TeardownAsync();
        await ProcessProbe.WaitUntilGoneAsync(pid);
        Assert.False(ProcessProbe.IsRunning(pid));
        await scheduler.DisposeAsync();

        var info = TestScheduler.Framework();
        info.Id = new FrameworkID { Value = scheduler.FrameworkId };
        await using var again = new RawScheduler(cluster);
        var stream = await again.SubscribeAsync(info);
        var error = await stream.Events.NextAsync(e => e.Type == Event.Types.Type.Error);
        Assert.Equal("Framework has been removed", error.Error.Message);
    }

    [Fact]
    public async Task Stopping_the_cluster_kills_every_task_process_including_children()
    {
        var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("lingering", offer, "sleep 60 & echo $! > child; echo $$ > pid; wait"));
        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        var pid = await ProcessProbe.ReadPidAsync(Path.Combine(sandbox, "pid"));
        var child = await ProcessProbe.ReadPidAsync(Path.Combine(sandbox, "child"));

        await cluster.DisposeAsync();
        await ProcessProbe.WaitUntilGoneAsync(child);

        Assert.False(ProcessProbe.IsRunning(pid));
        Assert.False(ProcessProbe.IsRunning(child));
    }
}
