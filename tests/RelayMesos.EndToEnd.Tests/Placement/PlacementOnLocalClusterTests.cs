using Microsoft.Extensions.Logging;

namespace RelayMesos.EndToEnd.Tests.Placement;

public sealed class PlacementOnLocalClusterTests
{
    [Fact]
    public async Task Max_per_two_on_three_agents_never_puts_a_third_task_on_a_host_while_scaling_0_to_6_to_2()
    {
        await using var relay = await RelayOnLocalCluster.StartAsync(target: 0, agents: 3, agentAttributes: "", mesos: """constraints = ["hostname:MAX_PER:2"]""");
        await Task.Delay(600);
        Assert.Empty(await relay.LiveTasksAsync());

        relay.SetTarget(6);
        var six = await relay.WaitUntilAsync(t => t.Count(x => x.State == "TASK_RUNNING") == 6, "6 running tasks");
        relay.SetTarget(2);
        await relay.WaitUntilAsync(t => t.Count == 2 && t.All(x => x.State == "TASK_RUNNING"), "2 running tasks and nothing else");

        Assert.Equal([2, 2, 2], six.GroupBy(t => t.Hostname).Select(g => g.Count()));
        var samples = relay.Samples;
        Assert.True(samples.Count > 20, $"only {samples.Count} samples");
        var worst = samples.SelectMany(s => s.GroupBy(t => t.Hostname).Select(g => (Host: g.Key, Count: g.Count()))).MaxBy(h => h.Count);
        Assert.True(worst.Count <= 2, $"{worst.Count} tasks on {worst.Host} at once");
    }

    [Fact]
    public async Task Group_by_rack_spreads_tasks_over_the_racks_within_one()
    {
        await using var relay = await RelayOnLocalCluster.StartAsync(target: 5, agents: 3, agentAttributes: "rack:r{i%2}", mesos: """constraints = ["rack:GROUP_BY"]""");

        await relay.WaitUntilAsync(t => t.Count(x => x.State == "TASK_RUNNING") == 5, "5 running tasks");
        var settled = await relay.WaitUntilAsync(t => t.Count == 5 && t.All(x => x.State == "TASK_RUNNING"), "5 settled running tasks");
        await Task.Delay(TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(1)));

        // The target never fell: the framework must never have launched a sixth task, nor killed one of its own (issue 13).
        var log = string.Join("\n", relay.Log.Entries.Select(e => e.Message));
        Assert.False(relay.Log.Entries.Any(e => e.Message.StartsWith("Killing ", StringComparison.Ordinal)), $"a task of ours was killed\n{log}");
        Assert.True(relay.Samples.All(s => s.Count <= 5), $"more than 5 live tasks at once\n{log}");
        Assert.Equal(settled.Select(t => t.Id).Order(), (await relay.LiveTasksAsync()).Select(t => t.Id).Order());
        var perRack = settled.GroupBy(t => t.Attributes["rack"]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["r0", "r1"], perRack.Keys.Order());
        Assert.True(Math.Abs(perRack["r0"] - perRack["r1"]) <= 1, $"r0 has {perRack["r0"]}, r1 has {perRack["r1"]}");
    }

    [Fact]
    public async Task A_task_that_turns_unhealthy_is_killed_and_replaced_by_a_healthy_one()
    {
        await using var relay = await RelayOnLocalCluster.StartAsync(target: 3, agents: 2, agentAttributes: "", mesos: """
            health-check {
              type = command
              command = "test ! -f \"$MESOS_SANDBOX/unhealthy\""
              delay = 0s
              interval = 100ms
              timeout = 5s
              grace-period = 0s
              consecutive-failures = 3
            }
            """);

        var healthy = await relay.WaitUntilAsync(t => t.Count == 3 && t.All(x => x.Healthy == true), "3 healthy tasks");
        var victim = healthy[1];
        File.WriteAllText(Path.Combine(victim.Sandbox, "unhealthy"), "");
        var replaced = await relay.WaitUntilAsync(
            t => t.Count == 3 && t.All(x => x.Healthy == true && x.Id != victim.Id),
            $"3 healthy tasks without {victim.Id}");

        Assert.Contains(replaced, t => healthy.All(h => h.Id != t.Id));
        Assert.Contains(relay.Log.Entries, e => e.Message.Contains($"Task {victim.Id} turned unhealthy", StringComparison.Ordinal));
        Assert.DoesNotContain(relay.Samples, s => s.Count(x => x.State == "TASK_RUNNING") > 4);
    }

    [Fact]
    public async Task An_unsatisfiable_constraint_is_logged_once_and_nothing_launches()
    {
        await using var relay = await RelayOnLocalCluster.StartAsync(target: 2, agents: 3, agentAttributes: "rack:r{i%2}", mesos: """constraints = ["rack:CLUSTER:r9"]""");

        await relay.WaitUntilAsync(_ => relay.Log.Entries.Any(e => e.Message.Contains("cannot be met", StringComparison.Ordinal)), "the unsatisfiable constraint to be logged");
        await Task.Delay(1500);

        var reports = relay.Log.Entries.Where(e => e.Message.Contains("cannot be met", StringComparison.Ordinal)).ToList();
        var report = Assert.Single(reports);
        Assert.Equal(LogLevel.Error, report.Level);
        Assert.Contains("rack", report.Message, StringComparison.Ordinal);
        Assert.Contains("r9", report.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(relay.Samples, s => s.Count > 0);
    }
}
