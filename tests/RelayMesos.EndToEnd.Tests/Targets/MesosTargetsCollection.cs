namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>
/// End-to-end tests that run on both targets (theories over <see cref="MesosTargets.Embedded"/> and
/// <see cref="MesosTargets.Real"/>). One collection: its tests share one real master and run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MesosTargetsCollection : ICollectionFixture<MesosTargets>
{
    public const string Name = "mesos targets";
}
