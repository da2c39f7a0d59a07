namespace RelayMesos.EndToEnd.Tests.Placement;

/// <summary>A live task of our framework as the cluster's /master/state shows it, with its agent's hostname and attributes.</summary>
internal sealed record ClusterTask(
    string Id, string State, string Hostname, IReadOnlyDictionary<string, string> Attributes, string Sandbox, bool? Healthy,
    IReadOnlyDictionary<string, string> Labels, string Name)
{
    /// <summary>The loop the framework launched the task for (its <c>relay.loop</c> label).</summary>
    public string? Loop => Labels.GetValueOrDefault("relay.loop");

    public bool IsLive => State is "TASK_STAGING" or "TASK_STARTING" or "TASK_RUNNING" or "TASK_KILLING";
}
