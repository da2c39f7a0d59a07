using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Actors;

// What StatusReconciler journals: the framework id and every change to the task table.

/// <summary>Mesos assigned (or confirmed) our framework id.</summary>
public sealed record FrameworkIdAssigned(string FrameworkId) : IJournaledMessage;

/// <summary>Write-ahead: these tasks are about to be launched (recorded before ACCEPT is sent).</summary>
public sealed record TasksLaunched(IReadOnlyList<TaskRecord> Tasks) : IJournaledMessage;

/// <summary>Mesos reported a new state for one of our tasks.</summary>
public sealed record TaskStateChanged(string TaskId, TaskState State, DateTimeOffset At, bool? Healthy) : IJournaledMessage;

/// <summary>We asked Mesos to kill this task; it no longer counts toward demand.</summary>
public sealed record TaskKillRequested(string TaskId) : IJournaledMessage;

/// <summary>The loop was applied again at runtime: its max-failures count starts over.</summary>
public sealed record LoopFailuresReset(string Loop) : IJournaledMessage;

/// <summary>Everything the reconciler knows, at a sequence number.</summary>
/// <param name="Failures">Each loop's max-failures count (failures less successes), by loop name.</param>
public sealed record ReconcilerSnapshot(string? FrameworkId, IReadOnlyList<TaskRecord> Tasks, IReadOnlyDictionary<string, int> Failures) : IJournaledMessage;
