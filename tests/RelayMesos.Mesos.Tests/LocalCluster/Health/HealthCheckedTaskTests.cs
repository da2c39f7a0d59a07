using RelayMesos.LocalCluster;
using RelayMesos.Mesos.V1;
using Reason = RelayMesos.Mesos.V1.TaskStatus.Types.Reason;

namespace RelayMesos.Mesos.Tests.LocalCluster.Health;

public sealed class HealthCheckedTaskTests
{
    [Fact]
    public async Task The_agent_reports_each_change_of_health_and_kills_the_task_after_consecutive_failures()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        var task = TestScheduler.ShellTask("checked", offer, "touch alive; sleep 60");
        task.HealthCheck = new HealthCheck
        {
            Type = HealthCheck.Types.Type.Command,
            Command = new CommandInfo { Value = "test -f alive && test \"$MESOS_TASK_ID\" = checked" },
            DelaySeconds = 0,
            IntervalSeconds = 0.1,
            TimeoutSeconds = 5,
            GracePeriodSeconds = 30,
            ConsecutiveFailures = 2,
        };

        await scheduler.LaunchAsync(offer, task);
        await scheduler.AckNextAsync("checked", TaskState.TaskStarting);
        await scheduler.AckNextAsync("checked", TaskState.TaskRunning);
        var healthy = await scheduler.AckNextAsync("checked", TaskState.TaskRunning);
        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        File.Delete(Path.Combine(sandbox, "alive"));
        var unhealthy = await scheduler.AckNextAsync("checked", TaskState.TaskRunning);
        var killed = await scheduler.AckNextAsync("checked");

        Assert.True(healthy.HasHealthy && healthy.Healthy);
        Assert.Equal(Reason.TaskHealthCheckStatusUpdated, healthy.Reason);
        Assert.True(unhealthy.HasHealthy);
        Assert.False(unhealthy.Healthy);
        Assert.Equal(Reason.TaskHealthCheckStatusUpdated, unhealthy.Reason);
        Assert.Equal(TaskState.TaskKilled, killed.State);
        Assert.True(killed.HasHealthy);
        Assert.False(killed.Healthy);
    }

    [Fact]
    public async Task A_health_check_update_is_resent_until_acknowledged()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        var task = TestScheduler.ShellTask("resent", offer, "sleep 60");
        task.HealthCheck = new HealthCheck
        {
            Type = HealthCheck.Types.Type.Command,
            Command = new CommandInfo { Value = "true" },
            DelaySeconds = 0,
            IntervalSeconds = 0.1,
        };

        await scheduler.LaunchAsync(offer, task);
        await scheduler.AckNextAsync("resent", TaskState.TaskStarting);
        await scheduler.AckNextAsync("resent", TaskState.TaskRunning);
        var first = await scheduler.NextUpdateAsync("resent", TaskState.TaskRunning);
        var again = await scheduler.NextUpdateAsync("resent", TaskState.TaskRunning, includeRedeliveries: true);

        Assert.True(first.Healthy);
        Assert.Equal(first.Uuid, again.Uuid);
    }

    [Fact]
    public async Task A_task_with_an_invalid_health_check_is_refused()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        var task = TestScheduler.ShellTask("invalid-check", offer, "sleep 60");
        task.HealthCheck = new HealthCheck { Type = HealthCheck.Types.Type.Http };

        await scheduler.LaunchAsync(offer, task);
        var status = await scheduler.NextUpdateAsync("invalid-check");

        Assert.Equal(TaskState.TaskError, status.State);
        Assert.Equal(Reason.TaskInvalid, status.Reason);
        Assert.Contains("Health check is invalid", status.Message, StringComparison.Ordinal);
    }
}
