using RelayMesos.LocalCluster;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Reason = RelayMesos.Mesos.V1.TaskStatus.Types.Reason;
using Source = RelayMesos.Mesos.V1.TaskStatus.Types.Source;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class FailoverTests
{
    [Fact]
    public async Task A_framework_that_resubscribes_within_its_failover_timeout_finds_its_task_running_and_gets_pending_updates()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        var info = TestScheduler.Framework(failoverTimeout: 30);
        var first = await TestScheduler.SubscribeAsync(cluster, info);
        var offer = await first.NextOfferAsync();
        await first.LaunchAsync(offer, TestScheduler.ShellTask("survivor", offer, "echo $$ > pid; sleep 30"));
        await first.AckNextAsync("survivor", TaskState.TaskStarting);
        var unacknowledged = await first.NextUpdateAsync("survivor", TaskState.TaskRunning);
        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        var pid = await ProcessProbe.ReadPidAsync(Path.Combine(sandbox, "pid"));
        await first.DisposeAsync();

        info.Id = new FrameworkID { Value = first.FrameworkId };
        await using var second = await TestScheduler.SubscribeAsync(cluster, info);
        var resent = await second.NextUpdateAsync("survivor", TaskState.TaskRunning);
        await second.NextOfferAsync();
        await second.Client.ReconcileAsync([]);
        var reconciled = await second.Events.NextAsync(e => e.Type == Event.Types.Type.Update && e.Update.Status.Reason == Reason.Reconciliation);

        Assert.Equal(first.FrameworkId, second.FrameworkId);
        Assert.Equal(unacknowledged.Uuid, resent.Uuid);
        Assert.Equal(TaskState.TaskRunning, reconciled.Update.Status.State);
        Assert.True(ProcessProbe.IsRunning(pid));
    }

    [Fact]
    public async Task Past_the_failover_timeout_tasks_are_killed_and_the_framework_is_removed()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        var info = TestScheduler.Framework(failoverTimeout: 0.3);
        var first = await TestScheduler.SubscribeAsync(cluster, info);
        var offer = await first.NextOfferAsync();
        await first.LaunchAsync(offer, TestScheduler.ShellTask("orphan", offer, "echo $$ > pid; sleep 30"));
        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        var pid = await ProcessProbe.ReadPidAsync(Path.Combine(sandbox, "pid"));
        await first.DisposeAsync();

        await ProcessProbe.WaitUntilGoneAsync(pid);
        Assert.False(ProcessProbe.IsRunning(pid));

        info.Id = new FrameworkID { Value = first.FrameworkId };
        await using var raw = new RawScheduler(cluster);
        var stream = await raw.SubscribeAsync(info);
        var error = await stream.Events.NextAsync(_ => true);
        Assert.Equal("Framework has been removed", error.Error.Message);
    }

    [Fact]
    public async Task Removing_an_agent_loses_its_tasks_rescinds_its_offers_and_reports_the_failure()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions(agents: 2));
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync(o => o.Hostname == "agent-0");
        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("stranded", offer, "sleep 30"));
        await scheduler.AckNextAsync("stranded", TaskState.TaskStarting);
        await scheduler.AckNextAsync("stranded", TaskState.TaskRunning);
        var nextOffer = await scheduler.NextOfferAsync(o => o.AgentId.Equals(offer.AgentId));

        using var http = new HttpClient { BaseAddress = cluster.MasterUri };
        using var response = await http.PostAsync(new Uri($"/admin/agents/{offer.AgentId.Value}/remove", UriKind.Relative), null);
        var lost = await scheduler.NextUpdateAsync("stranded", TaskState.TaskLost);
        var failure = await scheduler.Events.NextAsync(e => e.Type == Event.Types.Type.Failure);
        var rescind = await scheduler.Events.NextAsync(e => e.Type == Event.Types.Type.Rescind);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(Reason.AgentRemoved, lost.Reason);
        Assert.Equal(offer.AgentId, failure.Failure.AgentId);
        Assert.Equal(nextOffer.Id, rescind.Rescind.OfferId);
        Assert.DoesNotContain(offer.AgentId.Value, cluster.AgentIds);
    }

    [Fact]
    public async Task A_lost_agent_makes_partition_aware_tasks_unreachable_and_marking_it_gone_ends_them_gone_by_operator()
    {
        // As Apache Mesos 1.12 answers (checked against it, and pinned on both by the end-to-end agent-loss test).
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions(agents: 2));
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster,
            TestScheduler.Framework(capabilities: FrameworkInfo.Types.Capability.Types.Type.PartitionAware));
        var offer = await scheduler.NextOfferAsync(o => o.Hostname == "agent-0");
        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("stranded", offer, "sleep 30"));
        await scheduler.AckNextAsync("stranded", TaskState.TaskStarting);
        await scheduler.AckNextAsync("stranded", TaskState.TaskRunning);

        Assert.True(cluster.RemoveAgent(offer.AgentId.Value));
        var unreachable = await scheduler.NextUpdateAsync("stranded", TaskState.TaskUnreachable);
        await scheduler.Client.ReconcileAsync([new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = "stranded" } }]);
        var reconciled = await scheduler.NextUpdateAsync("stranded");

        Assert.Equal((Source.Master, Reason.AgentRemoved, "health check timed out"), (unreachable.Source, unreachable.Reason, unreachable.Message));
        Assert.True(unreachable.UnreachableTime.Nanoseconds > 0);
        Assert.True(unreachable.Uuid.IsEmpty);
        Assert.Equal(TaskState.TaskUnreachable, reconciled.State);

        using var http = new HttpClient { BaseAddress = cluster.MasterUri };
        using var body = new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { type = "MARK_AGENT_GONE", mark_agent_gone = new { agent_id = new { value = offer.AgentId.Value } } }),
            System.Text.Encoding.UTF8);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri("/api/v1", UriKind.Relative), body);
        var gone = await scheduler.NextUpdateAsync("stranded", TaskState.TaskGoneByOperator);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((Source.Master, Reason.AgentRemovedByOperator, "Agent has been marked gone"), (gone.Source, gone.Reason, gone.Message));
        using var state = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/master/state", UriKind.Relative)));
        var completed = state.RootElement.GetProperty("frameworks")[0].GetProperty("completed_tasks")[0];
        Assert.Equal(
            ["TASK_STARTING", "TASK_RUNNING", "TASK_UNREACHABLE", "TASK_GONE_BY_OPERATOR"],
            completed.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
    }
}
