using System.Text.Json;
using RelayMesos.EndToEnd.Tests.Framework;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>
/// Losing an agent, on our embedded cluster and on a real Apache Mesos 1.12 (issue 17). Each run starts masters of its
/// own, for it takes an agent away; each target's half sits in that target's collection, so that no two real masters run at once.
/// </summary>
public abstract class AgentLossOnBothTargets
{
    /// <summary>The target this half runs on: <see cref="MesosTargets.Embedded"/> or <see cref="MesosTargets.Real"/>.</summary>
    protected abstract string Target { get; }

    // The real master marks an agent unreachable after max_agent_ping_timeouts missed pings (15 s × 5 by default).
    private static readonly Dictionary<string, string> QuickAgentLoss = new()
    {
        ["MESOS_AGENT_PING_TIMEOUT"] = "2secs",
        ["MESOS_MAX_AGENT_PING_TIMEOUTS"] = "3",
    };

    [Fact]
    public async Task A_lost_agent_s_task_turns_unreachable_and_marking_the_agent_gone_ends_it_gone_by_operator()
    {
        var name = Target;
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
            // Mesos writes its state's counts as JSON doubles (1.0).
            Assert.Equal(1, (await target.StateAsync()).GetProperty("unreachable_slaves").GetDouble());
            // From TaskRunning, or TaskStarting when the agent went before the framework had its TASK_RUNNING.
            await WaitForTransitionAsync(run, lostId, "→ TaskUnreachable");

            await target.MarkAgentGoneAsync(agentId);

            var gone = await target.EventuallyAsync(
                async () => (await target.TaskElementsAsync(framework, completedTasks: true)).Where(t => t.GetProperty("id").GetString() == lostId).ToList(),
                g => g.Count == 1, TimeSpan.FromSeconds(30), "the task gone by operator");
            Assert.Equal("TASK_GONE_BY_OPERATOR", gone[0].GetProperty("state").GetString());
            Assert.Equal(
                ["TASK_STARTING", "TASK_RUNNING", "TASK_UNREACHABLE", "TASK_GONE_BY_OPERATOR"],
                gone[0].GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
            Assert.Empty(await UnreachableTasks(target, framework));
            await WaitForTransitionAsync(run, lostId, "TaskUnreachable → TaskGoneByOperator");

            // The other warmer ran on; nothing of ours was killed.
            Assert.Equal([kept], await target.TasksAsync(framework));
            Assert.DoesNotContain("Killing ", run.Process.Output, StringComparison.Ordinal);
        });
    }

    /// <summary>Waits for the framework to log the task's transition; a failure shows every line about the task.</summary>
    private static async Task WaitForTransitionAsync(RunScenario run, string taskId, string transition)
    {
        try
        {
            await run.Process.WaitForLineAsync($"Task {taskId} .*{transition}", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            var about = run.Process.Lines.Where(l => l.Contains(taskId, StringComparison.Ordinal) || l.Contains("warn", StringComparison.Ordinal));
            throw new TimeoutException($"No '{transition}' of {taskId} logged; its lines and warnings:\n{string.Join('\n', about)}");
        }
    }

    private static bool IsRunning(JsonElement task) => task.GetProperty("state").GetString() == "TASK_RUNNING";

    private static async Task<IReadOnlyList<JsonElement>> UnreachableTasks(MesosTarget target, string framework) =>
        (await target.FrameworkAsync(framework))?.GetProperty("unreachable_tasks").EnumerateArray().ToList() ?? [];
}
