using RelayMesos.Framework.Settings;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tasks;

/// <summary>One of our tasks as the framework knows it: its loop, where it was placed and the last state Mesos reported.</summary>
public sealed record TaskRecord(
    string TaskId,
    TaskKind Kind,
    string AgentId,
    string Hostname,
    IReadOnlyDictionary<string, string> Attributes,
    TaskState State,
    DateTimeOffset LaunchedAt,
    DateTimeOffset? RunningSince = null,
    bool Killing = false,
    bool? Healthy = null,
    string Loop = FrameworkSettings.DefaultLoop)
{
    /// <summary>Launched (write-ahead recorded) but not yet reported running.</summary>
    public bool IsPending => State is TaskState.TaskStaging or TaskState.TaskStarting;
}
