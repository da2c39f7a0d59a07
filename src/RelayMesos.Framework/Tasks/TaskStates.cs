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
}
