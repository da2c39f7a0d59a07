using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>The user's scenarios on a real Apache Mesos 1.12.</summary>
[Collection(RealMesosCollection.Name)]
public sealed class ScenariosOnRealMesosTests(MesosTargets targets, ITestOutputHelper output) : ScenariosOnBothTargets(targets, output)
{
    protected override string Target => MesosTargets.Real;
}
