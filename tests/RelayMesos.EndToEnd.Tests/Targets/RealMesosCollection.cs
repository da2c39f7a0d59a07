namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>
/// The end-to-end tests on a real Mesos master. One collection, so its tests run one at a time and never two real
/// masters at once (each takes seconds of CPU to start, and the agents of two would offer the same host twice).
/// </summary>
[CollectionDefinition(Name)]
[Scheduling.ExpectedDuration(240)]
public sealed class RealMesosCollection : ICollectionFixture<MesosTargets>
{
    public const string Name = "real mesos";
}
