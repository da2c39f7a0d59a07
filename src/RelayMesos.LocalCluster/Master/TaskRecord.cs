using RelayMesos.LocalCluster.Processes;
using RelayMesos.LocalCluster.Resources;
using RelayMesos.Mesos.V1;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.LocalCluster.Master;

/// <summary>
/// A task as master and agent see it together: the latest state, the process, and the agent's queue of
/// reliable status updates (the head is sent and re-sent until acknowledged, the rest wait behind it).
/// </summary>
internal sealed class TaskRecord(TaskInfo info, string frameworkId, AgentRecord agent, ResourceBag resources, string containerId, string sandbox)
{
    public TaskInfo Info { get; } = info;

    public string Id => Info.TaskId.Value;

    public string FrameworkId { get; } = frameworkId;

    public AgentRecord Agent { get; } = agent;

    public ResourceBag Resources { get; } = resources;

    /// <summary>The task's container, as Mesos names the run: the last folder of the sandbox path.</summary>
    public string ContainerId { get; } = containerId;

    public string Sandbox { get; } = sandbox;

    public TaskState State { get; set; } = TaskState.TaskStaging;

    public TaskStatus? LatestStatus { get; private set; }

    /// <summary>
    /// The statuses the master saw, as Mesos' /master/state lists them: one per state in order, a later status in the
    /// same state (a health check's) replacing the earlier one. TASK_STAGING is the state a task starts in, never a status.
    /// </summary>
    public List<TaskStatus> Statuses { get; } = [];

    /// <summary>The task is now in the status' state, and its history shows it.</summary>
    public void Record(TaskStatus status)
    {
        State = status.State;
        LatestStatus = status;
        if (Statuses.Count > 0 && Statuses[^1].State == status.State)
        {
            Statuses.RemoveAt(Statuses.Count - 1);
        }

        Statuses.Add(status);
    }

    public TaskProcess? Process { get; set; }

    public bool KillRequested { get; set; }

    public Health.TaskHealthChecker? HealthChecker { get; set; }

    /// <summary>Set when the agent killed the task for failing its health check; its terminal update says unhealthy.</summary>
    public bool KilledByHealthCheck { get; set; }

    /// <summary>Set once the agent got the task's resources back, so a late process exit cannot free them twice.</summary>
    public bool ResourcesReleased { get; set; }

    public Queue<TaskStatus> PendingUpdates { get; } = new();

    public DateTimeOffset NextRetryAt { get; set; }

    public TimeSpan RetryDelay { get; set; }
}
