namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>Losing an agent, on a real Apache Mesos 1.12.</summary>
[Collection(RealMesosCollection.Name)]
public sealed class AgentLossOnRealMesosTests : AgentLossOnBothTargets
{
    protected override string Target => MesosTargets.Real;
}
