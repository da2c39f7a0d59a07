using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>The user's scenarios on our embedded cluster.</summary>
[Collection(EmbeddedTargetCollection.Name)]
public sealed class ScenariosOnEmbeddedTests(MesosTargets targets, ITestOutputHelper output) : ScenariosOnBothTargets(targets, output)
{
    protected override string Target => MesosTargets.Embedded;
}
