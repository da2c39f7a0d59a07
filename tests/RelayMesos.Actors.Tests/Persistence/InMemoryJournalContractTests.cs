using RelayMesos.Actors.Persistence;
using RelayMesos.TestKit.Persistence;

namespace RelayMesos.Actors.Tests.Persistence;

public sealed class InMemoryJournalContractTests : JournalContractTests
{
    protected override IJournal CreateJournal() => new InMemoryJournal();
}
