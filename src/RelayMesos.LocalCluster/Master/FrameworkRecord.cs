using RelayMesos.LocalCluster.Resources;
using RelayMesos.Mesos.V1;

namespace RelayMesos.LocalCluster.Master;

/// <summary>A registered framework, connected or waiting out its failover timeout.</summary>
internal sealed class FrameworkRecord(string id, FrameworkInfo info)
{
    public string Id { get; } = id;

    public FrameworkInfo Info { get; set; } = info;

    public Subscription? Subscription { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset? FailoverDeadline { get; set; }

    public HashSet<string> SuppressedRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>Per agent: resources refused until a time; an offer is held back while it fits inside them.</summary>
    public Dictionary<string, (ResourceBag Resources, DateTimeOffset Until)> Filters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskRecord> Tasks { get; } = new(StringComparer.Ordinal);

    public List<TaskRecord> CompletedTasks { get; } = [];

    /// <summary>TASK_UNREACHABLE tasks of a PARTITION_AWARE framework: their agent was lost, not yet marked gone.</summary>
    public Dictionary<string, TaskRecord> UnreachableTasks { get; } = new(StringComparer.Ordinal);

    public bool IsConnected => Subscription is not null;

    public bool Has(FrameworkInfo.Types.Capability.Types.Type capability) =>
        Info.Capabilities.Any(c => c.Type == capability);

    public bool PartitionAware => Has(FrameworkInfo.Types.Capability.Types.Type.PartitionAware);

    public bool MultiRole => Has(FrameworkInfo.Types.Capability.Types.Type.MultiRole);

    public IReadOnlyList<string> Roles =>
        MultiRole ? [.. Info.Roles] : [RoleOf(Info)];

    public bool IsSuppressed => Roles.All(SuppressedRoles.Contains);

    // Single-role frameworks name their role in the deprecated field; "*" is its proto default.
#pragma warning disable CS0612
    private static string RoleOf(FrameworkInfo info) => info.Role;
#pragma warning restore CS0612
}
