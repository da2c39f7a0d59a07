namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>
/// The end-to-end tests on our embedded cluster that share one (<see cref="MesosTargets"/> starts it for the first test
/// that asks). They run one at a time, beside the real-Mesos half in <see cref="RealMesosCollection"/>.
/// </summary>
[CollectionDefinition(Name)]
[Scheduling.ExpectedDuration(110)]
public sealed class EmbeddedTargetCollection : ICollectionFixture<MesosTargets>
{
    public const string Name = "embedded target";
}
