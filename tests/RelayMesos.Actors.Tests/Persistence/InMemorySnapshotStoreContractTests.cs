using RelayMesos.Actors.Persistence;
using RelayMesos.TestKit.Persistence;

namespace RelayMesos.Actors.Tests.Persistence;

public sealed class InMemorySnapshotStoreContractTests : SnapshotStoreContractTests
{
    protected override ISnapshotStore CreateSnapshotStore() => new InMemorySnapshotStore();
}
