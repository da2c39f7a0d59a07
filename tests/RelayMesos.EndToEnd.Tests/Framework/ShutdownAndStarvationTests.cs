using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Framework;

/// <summary>relay-mesos against a cluster that outlives it: clean shutdown, resumption, teardown, starvation.</summary>
[Scheduling.ExpectedDuration(65)]
public sealed class ShutdownAndStarvationTests(ITestOutputHelper output)
{
    private static RunScenario Run(string master, string name, string settings, params string[] args) =>
        RunScenario.Start($$"""
            relay.mesos.master = "{{master}}"
            relay.mesos.framework.name = {{name}}
            relay.mesos.framework.failover-timeout = 1h
            relay.controller.mode = long-running
            relay.metric.type = tasks
            relay.warmer = "sleep 600"
            relay.mesos.task.kill-grace-period = 1s
            {{settings}}
            """, args);

    [Fact]
    public async Task After_sigterm_the_leader_decides_and_launches_nothing_more()
    {
        await using var cluster = await StandaloneCluster.StartAsync();
        // Warmers that end at once against a target never reached: a launch nearly every step, right up to the signal.
        await using var run = RunScenario.Start($$"""
            relay.mesos.master = "{{cluster.Master}}"
            relay.mesos.framework.name = busy
            relay.metric = 0
            relay.target = 3
            relay.warmer = "sleep 0.2"
            """);
        await run.Process.WaitForLineAsync("Launching ", TimeSpan.FromSeconds(60), occurrence: 4);

        run.Process.Signal("TERM");
        Assert.Equal(0, await run.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var lines = run.Process.Lines.ToList();
        var stopped = lines.FindIndex(l => l.Contains("this term decides and launches nothing more", StringComparison.Ordinal));
        Assert.True(stopped >= 0, run.Process.Tail());
        Assert.DoesNotContain(lines.Skip(stopped), l => l.Contains("Launching ", StringComparison.Ordinal) || l.Contains(" step ", StringComparison.Ordinal));
        output.WriteLine($"{lines.Count(l => l.Contains("Launching ", StringComparison.Ordinal))} launches before the signal; stopped at line {stopped} of {lines.Count}");
    }

    [Fact]
    public async Task Sigterm_leaves_the_framework_registered_a_restart_resumes_it_and_teardown_removes_it()
    {
        await using var cluster = await StandaloneCluster.StartAsync();
        var db = Path.Combine(Path.GetTempPath(), $"relay-resume-{Guid.NewGuid():N}.db");
        var settings = $"relay.target = 2\nrelay.persistence {{ provider = sqlite, sqlite.path = \"{db}\" }}";

        string frameworkId;
        IReadOnlyList<string> tasks;
        await using (var first = Run(cluster.Master, "resume", settings))
        {
            tasks = await cluster.EventuallyAsync(() => cluster.TasksAsync("resume"), t => t.Count == 2, TimeSpan.FromSeconds(40), "two running warmers");
            frameworkId = (await first.Process.WaitForLineAsync("as framework (?<id>[^ .]+)", TimeSpan.FromSeconds(5))).Groups["id"].Value;

            first.Process.Signal("TERM");
            Assert.Equal(0, await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        var registered = await cluster.FrameworkAsync("resume");
        Assert.NotNull(registered);
        Assert.False(registered.Value.GetProperty("connected").GetBoolean());
        Assert.Equal(tasks, await cluster.TasksAsync("resume"));

        await using (var second = Run(cluster.Master, "resume", settings, "--teardown"))
        {
            await second.Process.WaitForLineAsync($"resuming framework {frameworkId}", TimeSpan.FromSeconds(30));
            await second.Process.WaitForLineAsync($"as framework {frameworkId}", TimeSpan.FromSeconds(30));
            await second.WaitForStepsAsync(12, TimeSpan.FromSeconds(30));
            Assert.Equal(tasks, await cluster.TasksAsync("resume"));

            second.Process.Signal("TERM");
            Assert.Equal(0, await second.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        await cluster.EventuallyAsync(() => cluster.FrameworkAsync("resume", completed: true), f => f is not null, TimeSpan.FromSeconds(20), "the framework torn down");
        Assert.Empty(await cluster.TasksAsync("resume"));
        File.Delete(db);
    }

    [Fact]
    public async Task After_a_clean_stop_of_the_embedded_cluster_the_next_start_finds_no_ghost_tasks()
    {
        var db = Path.Combine(Path.GetTempPath(), $"relay-embedded-{Guid.NewGuid():N}.db");
        var config = $$"""
            relay.mesos.master = local
            relay.controller.mode = long-running
            relay.metric.type = tasks
            relay.target = 3
            relay.warmer = "sleep 600"
            relay.persistence { provider = sqlite, sqlite.path = "{{db}}" }
            """;

        string firstTail;
        await using (var first = RunScenario.Start(config))
        {
            await first.Process.WaitForLineAsync(@"step \d+: PV=3 ", TimeSpan.FromSeconds(60));
            first.Process.Signal("TERM");
            Assert.Equal(0, await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            firstTail = first.Process.Tail();
        }

        await using var second = RunScenario.Start(config);
        await second.WaitForStepsAsync(4, TimeSpan.FromSeconds(60));

        var firstStep = second.Steps()[0];
        Assert.True(firstStep.Running == 0, $"the first step after a restart counted {firstStep.Running} ghost task(s) as running:\n{second.Process.Tail()}\nThe first run ended with:\n{firstTail}");
        Assert.DoesNotContain(second.Process.Lines, l => l.Contains("TaskLost", StringComparison.Ordinal));
        File.Delete(db);
    }

    [Fact]
    public async Task After_starvation_the_framework_recovers_without_overshooting()
    {
        // One agent of 2 cpus. A hog framework takes all of it; ours (0.5 cpu tasks, target 3) starves.
        await using var cluster = await StandaloneCluster.StartAsync(cpus: 2);
        await using var hog = Run(cluster.Master, "hog", "relay.target = 1\nrelay.mesos.task.cpus = 2\nrelay.persistence.provider = memory", "--teardown");
        await cluster.EventuallyAsync(() => cluster.TasksAsync("hog"), t => t.Count == 1, TimeSpan.FromSeconds(40), "the hog running");

        await using var relay = Run(cluster.Master, "starved", "relay.target = 3\nrelay.mesos.task.cpus = 0.5");
        await relay.WaitForStepAsync(24, TimeSpan.FromSeconds(40));
        Assert.Empty(await cluster.TasksAsync("starved"));

        hog.Process.Signal("TERM");
        await hog.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await cluster.EventuallyAsync(() => cluster.TasksAsync("hog"), t => t.Count == 0, TimeSpan.FromSeconds(30), "the hog's task killed");

        await cluster.EventuallyAsync(() => cluster.TasksAsync("starved"), t => t.Count == 3, TimeSpan.FromSeconds(30), "three warmers after recovery");
        var peak = 0;
        for (var i = 0; i < 40; i++)
        {
            peak = Math.Max(peak, (await cluster.TasksAsync("starved")).Count + (await cluster.TasksAsync("starved", "TASK_STAGING")).Count + (await cluster.TasksAsync("starved", "TASK_STARTING")).Count);
            await Task.Delay(100);
        }

        output.WriteLine($"after starvation: peak {peak} tasks for a target of 3");
        Assert.True(peak <= 3, $"overshoot after starvation: {peak} tasks for a target of 3\n{relay.Process.Tail()}");
    }
}
