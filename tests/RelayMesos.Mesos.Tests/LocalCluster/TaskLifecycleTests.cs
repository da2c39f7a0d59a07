using RelayMesos.LocalCluster;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Reason = RelayMesos.Mesos.V1.TaskStatus.Types.Reason;
using Source = RelayMesos.Mesos.V1.TaskStatus.Types.Source;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class TaskLifecycleTests
{
    internal static LocalClusterOptions FastOptions(int agents = 1) => new()
    {
        Port = 0,
        Agents = agents,
        Cpus = 2,
        Mem = 1024,
        AllocationInterval = TimeSpan.FromMilliseconds(50),
        HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        StatusRetryInterval = TimeSpan.FromMilliseconds(400),
        StatusRetryMaxInterval = TimeSpan.FromMilliseconds(800),
        DefaultKillGracePeriod = TimeSpan.FromMilliseconds(500),
    };

    [Fact]
    public async Task A_task_that_exits_0_goes_staging_starting_running_finished_in_order_and_runs_in_its_sandbox()
    {
        await using var cluster = new LocalMesosCluster(FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();

        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("writer", offer,
            "echo \"$MESOS_TASK_ID $HOST\" > out.txt; echo to-stdout; echo to-stderr >&2"));

        var states = new List<TaskState>();
        string? message = null;
        for (var i = 0; i < 3; i++)
        {
            var status = await scheduler.AckNextAsync("writer");
            Assert.Equal(16, status.Uuid.Length);
            Assert.NotEqual(Source.Master, status.Source);
            Assert.Equal(offer.AgentId, status.AgentId);
            states.Add(status.State);
            message = status.Message;
        }

        // As a Mesos agent reports a command task: no TASK_STAGING update, the task starts in that state.
        Assert.Equal([TaskState.TaskStarting, TaskState.TaskRunning, TaskState.TaskFinished], states);
        Assert.Equal("Command exited with status 0", message);
        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        Assert.Equal($"writer {offer.Hostname}", File.ReadAllText(Path.Combine(sandbox, "out.txt")).Trim());
        Assert.Equal("to-stdout", File.ReadAllText(Path.Combine(sandbox, "stdout")).Trim());
        Assert.Equal("to-stderr", File.ReadAllText(Path.Combine(sandbox, "stderr")).Trim());
    }

    [Fact]
    public async Task A_task_that_exits_3_fails_with_the_exit_code_in_the_message()
    {
        await using var cluster = new LocalMesosCluster(FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();

        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("three", offer, "exit 3"));
        await scheduler.AckNextAsync("three", TaskState.TaskStarting);
        await scheduler.AckNextAsync("three", TaskState.TaskRunning);
        var failed = await scheduler.AckNextAsync("three");

        Assert.Equal(TaskState.TaskFailed, failed.State);
        Assert.Equal("Command exited with status 3", failed.Message);
    }

    [Fact]
    public async Task Environment_variables_ports_and_non_shell_commands_reach_the_process()
    {
        await using var cluster = new LocalMesosCluster(FastOptions() with { Ports = "31000-31009" });
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        var task = TestScheduler.ShellTask("env", offer, string.Empty);
        task.Command = new CommandInfo { Shell = false, Value = "/bin/bash" };
        task.Command.Arguments.AddRange(["bash", "-c", "echo \"$GREETING $PORT0 $PORT1 $MESOS_SANDBOX\" > env.txt"]);
        task.Command.Environment = new Mesos.V1.Environment();
        task.Command.Environment.Variables.Add(new Mesos.V1.Environment.Types.Variable { Name = "GREETING", Value = "hello" });
        var ports = new Value.Types.Ranges();
        ports.Range.Add(new Value.Types.Range { Begin = 31003, End = 31004 });
        task.Resources.Add(new Resource { Name = "ports", Type = Value.Types.Type.Ranges, Ranges = ports });

        await scheduler.LaunchAsync(offer, task);
        TaskStatus status;
        do
        {
            status = await scheduler.AckNextAsync("env");
        }
        while (status.State != TaskState.TaskFinished);

        var sandbox = Directory.GetDirectories(cluster.WorkDir, "runs", SearchOption.AllDirectories).SelectMany(Directory.GetDirectories).Single();
        Assert.Equal($"hello 31003 31004 {sandbox}", File.ReadAllText(Path.Combine(sandbox, "env.txt")).Trim());
    }

    [Fact]
    public async Task An_unacknowledged_update_is_resent_with_the_same_uuid_and_the_next_one_waits_for_the_ack()
    {
        await using var cluster = new LocalMesosCluster(FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();

        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("quiet", offer, "sleep 30"));
        var first = await scheduler.NextUpdateAsync("quiet");
        var again = await scheduler.NextUpdateAsync("quiet", includeRedeliveries: true);

        Assert.Equal(TaskState.TaskStarting, first.State);
        Assert.Equal(first.Uuid, again.Uuid);
        Assert.Equal(TaskState.TaskStarting, again.State);

        await scheduler.Client.AcknowledgeAsync(again);
        var running = await scheduler.AckNextAsync("quiet", TaskState.TaskRunning);
        Assert.NotEqual(first.Uuid, running.Uuid);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        scheduler.Events.DropSkipped();

        Assert.False(await scheduler.Events.ArrivesWithinAsync(
            e => e.Type == Event.Types.Type.Update && e.Update.Status.Uuid == running.Uuid, TimeSpan.FromSeconds(1.2)));
    }

    [Fact]
    public async Task A_docker_task_fails_with_container_launch_failed_when_no_docker_binary_is_configured()
    {
        await using var cluster = new LocalMesosCluster(FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();
        var task = TestScheduler.ShellTask("boxed", offer, "echo hi");
        task.Container = new ContainerInfo { Type = ContainerInfo.Types.Type.Docker, Docker = new ContainerInfo.Types.DockerInfo { Image = "alpine" } };

        await scheduler.LaunchAsync(offer, task);
        var failed = await scheduler.AckNextAsync("boxed");

        Assert.Equal(TaskState.TaskFailed, failed.State);
        Assert.Equal(Reason.ContainerLaunchFailed, failed.Reason);
        Assert.Contains("docker", failed.Message, StringComparison.OrdinalIgnoreCase);
    }
}
