using RelayMesos.LocalCluster.Resources;
using RelayMesos.Mesos.V1;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.LocalCluster.Master;

/// <summary>The master's state as the JSON of Mesos' /master/state (the subset people and tests look at).</summary>
internal sealed partial class LocalMaster
{
    public IReadOnlyDictionary<string, object?> StateSnapshot()
    {
        lock (gate)
        {
            return new Dictionary<string, object?>
            {
                ["id"] = MasterId,
                ["hostname"] = options.Hostname,
                ["port"] = MasterInfo.Port,
                ["version"] = MasterInfo.Version,
                ["leader_info"] = new Dictionary<string, object?> { ["hostname"] = options.Hostname, ["port"] = MasterInfo.Port },
                ["activated_slaves"] = agents.Count,
                ["unreachable_slaves"] = unreachableAgents.Count,
                ["frameworks"] = frameworks.Values.Select(FrameworkState).ToList(),
                ["completed_frameworks"] = completedFrameworks.Select(FrameworkState).ToList(),
                ["slaves"] = agents.Values.Select(AgentState).ToList(),
            };
        }
    }

    private Dictionary<string, object?> FrameworkState(FrameworkRecord framework)
    {
        var offered = offers.Values.Where(o => o.FrameworkId == framework.Id).Aggregate(ResourceBag.Empty, (sum, o) => sum.Plus(o.Resources));
        var used = framework.Tasks.Values.Where(t => !t.ResourcesReleased).Aggregate(ResourceBag.Empty, (sum, t) => sum.Plus(t.Resources));
        var state = new Dictionary<string, object?>
        {
            ["id"] = framework.Id,
            ["name"] = framework.Info.Name,
            ["user"] = framework.Info.User,
            ["principal"] = framework.Info.HasPrincipal ? framework.Info.Principal : null,
            ["active"] = framework.IsConnected,
            ["connected"] = framework.IsConnected,
            ["failover_timeout"] = framework.Info.FailoverTimeout,
            ["capabilities"] = framework.Info.Capabilities.Select(c => c.Type.ToString()).ToList(),
            ["used_resources"] = used.ToSummary(),
            ["offered_resources"] = offered.ToSummary(),
            ["offers"] = offers.Values.Where(o => o.FrameworkId == framework.Id)
                .Select(o => new Dictionary<string, object?> { ["id"] = o.Id, ["slave_id"] = o.AgentId, ["resources"] = o.Resources.ToSummary() })
                .ToList(),
            ["tasks"] = framework.Tasks.Values.Select(TaskSummary).ToList(),
            ["unreachable_tasks"] = framework.UnreachableTasks.Values.Select(TaskSummary).ToList(),
            ["completed_tasks"] = framework.CompletedTasks.Select(TaskSummary).ToList(),
        };

        // As Mesos 1.12 writes a framework: `roles` for a MULTI_ROLE one, else its one `role` (no `roles` at all).
        if (framework.MultiRole)
        {
            state["roles"] = framework.Roles;
        }
        else
        {
            state["role"] = framework.Roles[0];
        }

        return state;
    }

    private static Dictionary<string, object?> TaskSummary(TaskRecord task) => new()
    {
        ["id"] = task.Id,
        ["name"] = task.Info.Name,
        ["framework_id"] = task.FrameworkId,
        ["slave_id"] = task.Agent.Id,
        ["state"] = StateName(task.State),
        ["resources"] = task.Resources.ToSummary(),
        ["sandbox"] = task.Sandbox,
        ["pid"] = task.Process?.ProcessId,
        ["unacknowledged_updates"] = task.PendingUpdates.Count,
        ["statuses"] = task.Statuses.Select(StatusSummary).ToList(),
    };

    /// <summary>As Mesos shows a status in its state: no source, reason or message; `healthy` only once a check said so.</summary>
    private static Dictionary<string, object?> StatusSummary(TaskStatus status)
    {
        var summary = new Dictionary<string, object?> { ["state"] = StateName(status.State), ["timestamp"] = status.Timestamp };
        if (status.HasHealthy)
        {
            summary["healthy"] = status.Healthy;
        }

        return summary;
    }

    private Dictionary<string, object?> AgentState(AgentRecord agent) => new()
    {
        ["id"] = agent.Id,
        ["hostname"] = agent.Spec.Hostname,
        ["active"] = true,
        ["resources"] = agent.Total.ToSummary(),
        ["used_resources"] = agent.Used.ToSummary(),
        ["offered_resources"] = offers.Values.Where(o => o.AgentId == agent.Id)
            .Aggregate(ResourceBag.Empty, (sum, o) => sum.Plus(o.Resources)).ToSummary(),
        ["attributes"] = agent.Spec.Attributes.ToDictionary(a => a.Name, AttributeValue),
    };

    private static object? AttributeValue(Mesos.V1.Attribute attribute) => attribute.Type switch
    {
        Value.Types.Type.Scalar => attribute.Scalar?.Value,
        Value.Types.Type.Ranges => RangeSet.Of(attribute.Ranges.Range.Select(r => (r.Begin, r.End))).ToString(),
        Value.Types.Type.Set => "{" + string.Join(",", attribute.Set.Item) + "}",
        _ => attribute.Text?.Value,
    };

    /// <summary>The proto enum name (TASK_RUNNING), which is what Mesos' JSON shows.</summary>
    private static string StateName(TaskState state) =>
        Google.Protobuf.Reflection.OriginalNameAttribute.GetCustomAttribute(
            typeof(TaskState).GetField(state.ToString())!, typeof(Google.Protobuf.Reflection.OriginalNameAttribute))
            is Google.Protobuf.Reflection.OriginalNameAttribute original ? original.Name : state.ToString();
}
