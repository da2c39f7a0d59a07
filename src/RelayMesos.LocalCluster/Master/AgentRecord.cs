using RelayMesos.LocalCluster.Resources;

namespace RelayMesos.LocalCluster.Master;

/// <summary>An agent: what it has in total and what running tasks hold (outstanding offers are counted separately).</summary>
internal sealed class AgentRecord(string id, AgentSpec spec, string sandboxRoot)
{
    public string Id { get; } = id;

    public AgentSpec Spec { get; } = spec;

    public string SandboxRoot { get; } = sandboxRoot;

    public ResourceBag Total => Spec.Resources;

    public ResourceBag Used { get; set; } = ResourceBag.Empty;
}
