namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>Losing an agent, on our embedded cluster.</summary>
[Collection(EmbeddedTargetCollection.Name)]
public sealed class AgentLossOnEmbeddedTests : AgentLossOnBothTargets
{
    protected override string Target => MesosTargets.Embedded;
}
