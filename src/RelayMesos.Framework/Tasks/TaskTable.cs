using System.Collections.Immutable;
using RelayMesos.Framework.Offers;
using RelayMesos.Framework.Settings;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tasks;

/// <summary>
/// The framework's tasks, as an immutable value: the StatusReconciler folds events into it and
/// publishes each new table; everyone else reads. Terminal tasks leave the table.
/// </summary>
public sealed record TaskTable(ImmutableDictionary<string, TaskRecord> Tasks)
{
    public static TaskTable Empty { get; } = new(ImmutableDictionary.Create<string, TaskRecord>(StringComparer.Ordinal));

    public int Count => Tasks.Count;

    public bool Contains(string taskId) => Tasks.ContainsKey(taskId);

    public TaskTable WithLaunched(IEnumerable<TaskRecord> launched) =>
        new(Tasks.SetItems(launched.Select(t => KeyValuePair.Create(t.TaskId, t))));

    /// <summary>The table after a status update; unknown tasks are ignored (the caller decides what they mean).</summary>
    public TaskTable WithState(string taskId, TaskState state, DateTimeOffset at, bool? healthy)
    {
        if (!Tasks.TryGetValue(taskId, out var task))
        {
            return this;
        }

        if (TaskStates.IsTerminal(state))
        {
            return new(Tasks.Remove(taskId));
        }

        var runningSince = state == TaskState.TaskRunning ? task.RunningSince ?? at : task.RunningSince;
        return new(Tasks.SetItem(taskId, task with { State = state, RunningSince = runningSince, Healthy = healthy ?? task.Healthy }));
    }

    public TaskTable WithKilling(string taskId) =>
        Tasks.TryGetValue(taskId, out var task) ? new(Tasks.SetItem(taskId, task with { Killing = true })) : this;

    /// <param name="healthChecked">
    /// Warmers carry a health check: a running warmer counts as running only once it was reported healthy;
    /// until its health is known it is in flight.
    /// </param>
    public TaskCounts Counts(DateTimeOffset now, TimeSpan effectDelay, bool healthChecked = false)
    {
        int runningWarmers = 0, inFlightWarmers = 0, runningCoolers = 0, inFlightCoolers = 0;
        foreach (var task in Tasks.Values)
        {
            if (task.Killing || task.Healthy == false || TaskStates.IsOutOfReach(task.State))
            {
                continue;
            }

            var effective = task.State == TaskState.TaskRunning
                && task.RunningSince is { } since && now - since >= effectDelay
                && (!healthChecked || task.Kind != TaskKind.Warmer || task.Healthy == true);
            switch (task.Kind, effective)
            {
                case (TaskKind.Warmer, true): runningWarmers++; break;
                case (TaskKind.Warmer, false): inFlightWarmers++; break;
                case (TaskKind.Cooler, true): runningCoolers++; break;
                case (TaskKind.Cooler, false): inFlightCoolers++; break;
            }
        }

        return new TaskCounts(runningWarmers, inFlightWarmers, runningCoolers, inFlightCoolers);
    }

    /// <summary>
    /// Running tasks of a kind, not yet being killed, that count as healthy: not reported unhealthy, and with
    /// <paramref name="healthChecked"/> warmers, reported healthy.
    /// </summary>
    public int RunningCount(TaskKind kind, bool healthChecked = false) =>
        Tasks.Values.Count(t => t.Kind == kind && IsRunning(t, healthChecked));

    /// <summary>
    /// Each loop's running tasks (every kind, or <paramref name="kind"/>), as <see cref="IsRunning"/> judges them;
    /// <paramref name="healthChecked"/> says per loop whether its warmers count only once healthy. A loop with none is absent.
    /// </summary>
    public IReadOnlyDictionary<string, int> RunningByLoop(TaskKind? kind = null, Func<string, bool>? healthChecked = null) =>
        Tasks.Values
            .Where(t => (kind is null || t.Kind == kind) && IsRunning(t, healthChecked?.Invoke(t.Loop) ?? false))
            .CountBy(t => t.Loop)
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    /// <summary>Whether <see cref="RunningCount"/> counts this task.</summary>
    public static bool IsRunning(TaskRecord task, bool healthChecked = false) =>
        task.State == TaskState.TaskRunning && !task.Killing
            && (healthChecked && task.Kind == TaskKind.Warmer ? task.Healthy == true : task.Healthy != false);

    /// <summary>The table with a task's running time starting at <paramref name="since"/> (unknown tasks are ignored).</summary>
    public TaskTable RunningFrom(string taskId, DateTimeOffset since) =>
        Tasks.TryGetValue(taskId, out var task) ? new(Tasks.SetItem(taskId, task with { RunningSince = since })) : this;

    /// <summary>Which tasks to kill when scaling in: newest first, so long-lived workers keep their warm caches.</summary>
    public IReadOnlyList<TaskRecord> NewestFirst(TaskKind kind, int count) =>
        Tasks.Values
            .Where(t => t.Kind == kind && !t.Killing)
            .OrderByDescending(t => t.LaunchedAt)
            .ThenByDescending(t => t.TaskId, StringComparer.Ordinal)
            .Take(Math.Max(0, count))
            .ToList();

    /// <summary>Every task we run or are launching, as placement constraints count them.</summary>
    public IReadOnlyList<RunningTask> Placements() =>
        Tasks.Values.Select(t => new RunningTask(t.TaskId, t.AgentId, t.Hostname, t.Attributes)).ToList();

    /// <summary>One loop's tasks; the table itself when every task is that loop's (a deployment of one loop).</summary>
    public TaskTable ForLoop(string loop)
    {
        foreach (var task in Tasks.Values)
        {
            if (task.Loop != loop)
            {
                return new(Tasks.Where(t => t.Value.Loop == loop).ToImmutableDictionary(StringComparer.Ordinal));
            }
        }

        return this;
    }

    public IReadOnlyList<TaskRecord> NonTerminal() => Tasks.Values.OrderBy(t => t.TaskId, StringComparer.Ordinal).ToList();
}
