using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tasks;

/// <summary>Mesos' own terminal-state rule (protobuf::isTerminalState), kept in one place.</summary>
public static class TaskStates
{
    public static bool IsTerminal(TaskState state) => state is
        TaskState.TaskFinished or TaskState.TaskFailed or TaskState.TaskKilled or TaskState.TaskError
        or TaskState.TaskLost or TaskState.TaskDropped or TaskState.TaskGone or TaskState.TaskGoneByOperator;

    /// <summary>
    /// The task itself failed or was lost with its agent. TASK_DROPPED is not one: the launch never reached an
    /// agent (an offer rescinded or gone invalid before it arrived), so it says nothing about the command.
    /// </summary>
    public static bool IsFailure(TaskState state) => state is
        TaskState.TaskFailed or TaskState.TaskError or TaskState.TaskLost
        or TaskState.TaskGone or TaskState.TaskGoneByOperator;

    /// <summary>
    /// PARTITION_AWARE's non-terminal "cannot tell": its agent is partitioned (TASK_UNREACHABLE) or unknown to the
    /// master (TASK_UNKNOWN). The task may come back RUNNING, so it stays in the table, but it does no work we can
    /// count on: it is neither running nor in flight, and the controller may replace it.
    /// </summary>
    public static bool IsOutOfReach(TaskState state) => state is TaskState.TaskUnreachable or TaskState.TaskUnknown;

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
