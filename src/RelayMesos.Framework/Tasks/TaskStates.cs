using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tasks;

/// <summary>Mesos' own terminal-state rule (protobuf::isTerminalState), kept in one place.</summary>
public static class TaskStates
{
    public static bool IsTerminal(TaskState state) => state is
        TaskState.TaskFinished or TaskState.TaskFailed or TaskState.TaskKilled or TaskState.TaskError
        or TaskState.TaskLost or TaskState.TaskDropped or TaskState.TaskGone or TaskState.TaskGoneByOperator;

    public static bool IsFailure(TaskState state) => state is
        TaskState.TaskFailed or TaskState.TaskError or TaskState.TaskLost or TaskState.TaskDropped
        or TaskState.TaskGone or TaskState.TaskGoneByOperator;

    /// <summary>
    /// Whether an update would move a live task back along Mesos' lifecycle (STAGING → STARTING → RUNNING →
    /// KILLING): updates can arrive out of order (a retried STARTING after RUNNING), and applying one would
    /// count a running task as in flight again.
    /// </summary>
    public static bool IsRegression(TaskState current, TaskState next) =>
        LifecycleRank(current) is { } from && LifecycleRank(next) is { } to && to < from;

    private static int? LifecycleRank(TaskState state) => state switch
    {
        TaskState.TaskStaging => 0,
        TaskState.TaskStarting => 1,
        TaskState.TaskRunning => 2,
        TaskState.TaskKilling => 3,
        _ => null,
    };
}
