using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Registry;

namespace RelayMesos.Framework.Tests.Actors;

/// <summary>The runtime loop changes are journaled under the framework's own registry id, and a new term reads them back.</summary>
public sealed class LoopRegistryTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);

    public LoopRegistryTests()
        : base(FrameworkTestConfig.Config)
    {
    }

    private IActorRef Start() =>
        Sys.ActorOf(Props.Create(() => new LoopRegistry(FrameworkFixtures.Settings(), NullLogger.Instance, null)));

    [Fact]
    public async Task Changes_are_answered_once_journaled_and_a_new_registry_recovers_those_that_stand()
    {
        var first = Start();
        IReadOnlyList<IJournaledMessage> changes =
        [
            new LoopApplied("gamma", "target = 2", "gamma.hocon", At, null),
            new LoopApplied("delta", "target = 1", "delta.hocon", At, "f1"),
        ];
        first.Tell(new RecordLoopChanges(changes, "apply"), TestActor);
        Assert.Equal("apply", ExpectMsg<LoopChangesRecorded>().Request);
        first.Tell(new RecordLoopChanges([new LoopRemoved("gamma", At.AddMinutes(1), null), new LoopReleased("delta", "file edited")], "more"), TestActor);
        ExpectMsg<LoopChangesRecorded>();
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Start();
        second.Tell(GetRuntimeEntries.Instance, TestActor);
        var state = ExpectMsg<LoopRegistryState>();

        var gamma = Assert.Single(state.Entries.Values);
        Assert.Equal(RuntimeEntry.Removal("gamma", At.AddMinutes(1), null), gamma);
        Assert.Equal(4, (await JournalReader.ReadAsync(Sys, PersistenceIds.Registry(FrameworkFixtures.Settings()))).Count);
        Assert.Equal("loop-registry/test/*", PersistenceIds.Registry(FrameworkFixtures.Settings()));
    }
}
