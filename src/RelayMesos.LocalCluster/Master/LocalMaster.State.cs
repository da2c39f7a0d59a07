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
                ["version"] = MasterInfo.Version,
                ["id"] = MasterId,
                ["pid"] = MasterPid,
                ["hostname"] = options.Hostname,
                ["leader"] = MasterPid,
                ["leader_info"] = new Dictionary<string, object?>
                {
                    ["id"] = MasterId, ["pid"] = MasterPid, ["port"] = MasterInfo.Port, ["hostname"] = options.Hostname,
                },
                // Mesos writes these counts from its metrics, so as JSON doubles (2.0).
                ["activated_slaves"] = (double)agents.Count,
                ["deactivated_slaves"] = 0.0,
                ["unreachable_slaves"] = (double)unreachableAgents.Count,
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
            ["failover_timeout"] = framework.Info.FailoverTimeout,
            ["checkpoint"] = framework.Info.Checkpoint,
            ["hostname"] = framework.Info.Hostname,
            ["webui_url"] = framework.Info.WebuiUrl,
            ["active"] = framework.IsConnected,
            ["connected"] = framework.IsConnected,
            ["recovered"] = false,
            ["capabilities"] = framework.Info.Capabilities.Select(c => c.Type.ToString()).ToList(),
            ["registered_time"] = framework.RegisteredAt.ToUnixTimeMilliseconds() / 1000.0,
            ["resources"] = ResourcesJson(used.Plus(offered)),
            ["used_resources"] = ResourcesJson(used),
            ["offered_resources"] = ResourcesJson(offered),
            ["offers"] = offers.Values.Where(o => o.FrameworkId == framework.Id)
                .Select(o => new Dictionary<string, object?> { ["id"] = o.Id, ["slave_id"] = o.AgentId, ["resources"] = ResourcesJson(o.Resources) })
                .ToList(),
            ["tasks"] = framework.Tasks.Values.Select(TaskSummary).ToList(),
            ["unreachable_tasks"] = framework.UnreachableTasks.Values.Select(TaskSummary).ToList(),
            ["completed_tasks"] = framework.CompletedTasks.Select(TaskSummary).ToList(),
        };

        if (framework.Info.HasPrincipal)
        {
            state["principal"] = framework.Info.Principal;
        }

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

    private static Dictionary<string, object?> TaskSummary(TaskRecord task)
    {
        var summary = new Dictionary<string, object?>
        {
            ["id"] = task.Id,
            ["name"] = task.Info.Name,
            ["framework_id"] = task.FrameworkId,
            ["executor_id"] = "",
            ["slave_id"] = task.Agent.Id,
            ["state"] = StateName(task.State),
            ["resources"] = ResourcesJson(task.Resources),
            ["role"] = task.Info.Resources.Select(r => r.AllocationInfo?.Role).FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? "*",
            ["statuses"] = task.Statuses.Select(StatusSummary).ToList(),
            // Not in Mesos' task JSON (its agent's /state names the executor's directory): the one field the embedded
            // cluster adds, because it has no agent endpoint and tests reach a task's files through it.
            ["sandbox"] = task.Sandbox,
        };

        // As Mesos 1.12: no `labels` for a task launched without them, `[]` for an empty set.
        if (task.Info.Labels is { } labels)
        {
            summary["labels"] = LabelsJson(labels);
        }

        return summary;
    }

    /// <summary>
    /// As Mesos shows a status in its state: no source, reason, message, uuid or executor id; labels and the container
    /// (id and addresses, not the executor's pid) when the update had them; `healthy` only once a check said so.
    /// </summary>
    private static Dictionary<string, object?> StatusSummary(TaskStatus status)
    {
        var summary = new Dictionary<string, object?> { ["state"] = StateName(status.State), ["timestamp"] = status.Timestamp };
        if (status.Labels is { } labels)
        {
            summary["labels"] = LabelsJson(labels);
        }

        if (status.ContainerStatus is { } container)
        {
            summary["container_status"] = ContainerStatusJson(container);
        }

        if (status.HasHealthy)
        {
            summary["healthy"] = status.Healthy;
        }

        return summary;
    }

    /// <summary>Each label as Mesos writes a protobuf: a `value` only when one was set.</summary>
    private static List<Dictionary<string, object?>> LabelsJson(Labels labels) =>
        labels.Labels_.Select(l =>
        {
            var label = new Dictionary<string, object?> { ["key"] = l.Key };
            if (l.HasValue)
            {
                label["value"] = l.Value;
            }

            return label;
        }).ToList();

    private static Dictionary<string, object?> ContainerStatusJson(ContainerStatus container)
    {
        var json = new Dictionary<string, object?>();
        if (container.ContainerId is { } id)
        {
            json["container_id"] = new Dictionary<string, object?> { ["value"] = id.Value };
        }

        if (container.NetworkInfos.Count > 0)
        {
            json["network_infos"] = container.NetworkInfos.Select(network => new Dictionary<string, object?>
            {
                ["ip_addresses"] = network.IpAddresses
                    .Select(ip => new Dictionary<string, object?> { ["protocol"] = ProtoName(ip.Protocol), ["ip_address"] = ip.IpAddress })
                    .ToList(),
            }).ToList();
        }

        return json;
    }

    private Dictionary<string, object?> AgentState(AgentRecord agent) => new()
    {
        ["id"] = agent.Id,
        ["hostname"] = agent.Spec.Hostname,
        ["version"] = MasterInfo.Version,
        ["active"] = true,
        ["deactivated"] = false,
        ["resources"] = ResourcesJson(agent.Total),
        ["used_resources"] = ResourcesJson(agent.Used),
        ["offered_resources"] = ResourcesJson(offers.Values.Where(o => o.AgentId == agent.Id)
            .Aggregate(ResourceBag.Empty, (sum, o) => sum.Plus(o.Resources))),
        ["attributes"] = agent.Spec.Attributes.ToDictionary(a => a.Name, AttributeValue),
    };

    /// <summary>As Mesos writes a resource sum: disk, mem, gpus and cpus always (0.0 when none), then ranges.</summary>
    private static Dictionary<string, object> ResourcesJson(ResourceBag resources)
    {
        var json = new Dictionary<string, object> { ["disk"] = 0.0, ["mem"] = 0.0, ["gpus"] = 0.0, ["cpus"] = 0.0 };
        foreach (var (name, value) in resources.ToSummary())
        {
            json[name] = value;
        }

        return json;
    }

    private string MasterPid => $"master@{options.Hostname}:{MasterInfo.Port}";

    private static object? AttributeValue(Mesos.V1.Attribute attribute) => attribute.Type switch
    {
        Value.Types.Type.Scalar => attribute.Scalar?.Value,
        Value.Types.Type.Ranges => RangeSet.Of(attribute.Ranges.Range.Select(r => (r.Begin, r.End))).ToString(),
        Value.Types.Type.Set => "{" + string.Join(",", attribute.Set.Item) + "}",
        _ => attribute.Text?.Value,
    };

    private static string StateName(TaskState state) => ProtoName(state);

    /// <summary>The proto enum name (TASK_RUNNING, IPv4), which is what Mesos' JSON shows.</summary>
    private static string ProtoName<T>(T value)
        where T : struct, Enum =>
        Google.Protobuf.Reflection.OriginalNameAttribute.GetCustomAttribute(
            typeof(T).GetField(value.ToString())!, typeof(Google.Protobuf.Reflection.OriginalNameAttribute))
            is Google.Protobuf.Reflection.OriginalNameAttribute original ? original.Name : value.ToString();
}
