using System.Text.Json;
using RelayMesos.EndToEnd.Tests.Framework;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>
/// Losing an agent, on our embedded cluster and on a real Apache Mesos 1.12 (issue 17). Each run starts masters of its
/// own, for it takes an agent away; it sits in the targets' collection so that no two real masters run at once.
/// </summary>
[Collection(MesosTargetsCollection.Name)]
public sealed class AgentLossOnBothTargetsTests
{
    // The real master marks an agent unreachable after max_agent_ping_timeouts missed pings (15 s × 5 by default).
    private static readonly Dictionary<string, string> QuickAgentLoss = new()
    {
        ["MESOS_AGENT_PING_TIMEOUT"] = "2secs",
        ["MESOS_MAX_AGENT_PING_TIMEOUTS"] = "3",
    };

    [Theory]
    [InlineData(MesosTargets.Embedded)]
    [InlineData(MesosTargets.Real)]
    public async Task A_lost_agent_s_task_turns_unreachable_and_marking_the_agent_gone_ends_it_gone_by_operator(string name)
    {
        await using MesosTarget target = name == MesosTargets.Embedded
            ? await StandaloneCluster.StartAsync(agents: 2, attributes: "rack:r{i}")
            : await RealMesosTarget.StartAsync(agents: 2, QuickAgentLoss);
        var framework = $"agent-loss-{name}-{Guid.NewGuid().ToString("N")[..6]}";
        await target.CheckAsync(async () =>
        {
            await using var run = RunScenario.Start(target, framework, """
                relay.controller.mode = long-running
                relay.metric.type = tasks
                relay.target = 2
                relay.warmer = "sleep 600"
                relay.mesos.constraints = ["hostname:MAX_PER:1"]
                relay.mesos.task.kill-grace-period = 1s
                """);
            var two = await target.EventuallyAsync(() => target.TaskElementsAsync(framework), t => t.Count(IsRunning) == 2, TimeSpan.FromSeconds(60), "a running warmer on each agent");
            var lost = two[0];
            var lostId = lost.GetProperty("id").GetString()!;
            var agentId = lost.GetProperty("slave_id").GetString()!;
            var kept = two[1].GetProperty("id").GetString()!;

            await target.LoseAgentAsync(agentId);

            // PARTITION_AWARE: TASK_UNREACHABLE, not TASK_LOST nor TASK_GONE; the master keeps it among the unreachable tasks.
            var unreachable = await target.EventuallyAsync(
                () => UnreachableTasks(target, framework), u => u.Any(t => t.GetProperty("id").GetString() == lostId), TimeSpan.FromSeconds(60), "the lost agent's task unreachable");
            Assert.Equal("TASK_UNREACHABLE", unreachable.Single().GetProperty("state").GetString());
            Assert.Equal(1, (await target.StateAsync()).GetProperty("unreachable_slaves").GetInt32());
            await run.Process.WaitForLineAsync($"Task {lostId} .*TaskRunning → TaskUnreachable", TimeSpan.FromSeconds(30));

            await target.MarkAgentGoneAsync(agentId);

            var gone = await target.EventuallyAsync(
                async () => (await target.TaskElementsAsync(framework, completedTasks: true)).Where(t => t.GetProperty("id").GetString() == lostId).ToList(),
                g => g.Count == 1, TimeSpan.FromSeconds(30), "the task gone by operator");
            Assert.Equal("TASK_GONE_BY_OPERATOR", gone[0].GetProperty("state").GetString());
            Assert.Equal(
                ["TASK_STARTING", "TASK_RUNNING", "TASK_UNREACHABLE", "TASK_GONE_BY_OPERATOR"],
                gone[0].GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
            Assert.Empty(await UnreachableTasks(target, framework));
            await run.Process.WaitForLineAsync($"Task {lostId} .*TaskUnreachable → TaskGoneByOperator", TimeSpan.FromSeconds(30));

            // The other warmer ran on; nothing of ours was killed.
            Assert.Equal([kept], await target.TasksAsync(framework));
            Assert.DoesNotContain("Killing ", run.Process.Output, StringComparison.Ordinal);
        });
    }

    private static bool IsRunning(JsonElement task) => task.GetProperty("state").GetString() == "TASK_RUNNING";

    private static async Task<IReadOnlyList<JsonElement>> UnreachableTasks(MesosTarget target, string framework) =>
        (await target.FrameworkAsync(framework))?.GetProperty("unreachable_tasks").EnumerateArray().ToList() ?? [];
}
