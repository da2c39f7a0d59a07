using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Actors.Persistence;

namespace RelayMesos.Actors.Tests.Persistence;

using RelayMesos.TestKit;

public sealed class PersistentActorTests : TestKit
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private static EventSerializerRegistry Serializers() => new EventSerializerRegistry()
        .Register<Added>("added")
        .Register<Total>("total");

    [Fact]
    public void Any_sequence_of_persisted_events_recovers_to_the_same_state()
    {
        var journal = new InMemoryJournal();
        var snapshots = new InMemorySnapshotStore();
        Sys.UsePersistence(journal, snapshots, Serializers());
        var run = 0;
        var property = Prop.ForAll<int[]>(
            Arb.From(Gen.ListOf(Gen.Choose(-100, 100)).Select(l => l.ToArray())),
            values =>
            {
                var id = "acc-" + run++;
                var first = Sys.ActorOf(Props.Create(() => new Accumulator(id)));
                foreach (var value in values)
                {
                    first.Tell(new Add(value), ActorRefs.NoSender);
                }

                var before = first.Ask<State>("state", Dilated(AskTimeout)).GetAwaiter().GetResult();
                Sys.Stop(first);
                var second = Sys.ActorOf(Props.Create(() => new Accumulator(id)));
                var after = second.Ask<State>("state", Dilated(AskTimeout)).GetAwaiter().GetResult();
                Sys.Stop(second);
                return before.Values.SequenceEqual(values) && after.Values.SequenceEqual(values) && after.LastSequenceNr == values.Length;
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    [Fact]
    public void Commands_arriving_during_a_write_wait_for_it_in_order()
    {
        var journal = new GatedJournal();
        Sys.UsePersistence(journal, new InMemorySnapshotStore(), Serializers());
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Accumulator("gated")));
        probe.Send(actor, "state");
        probe.ExpectMsg<State>();

        journal.Hold();
        probe.Send(actor, new Add(1));
        probe.Send(actor, "state");
        probe.Send(actor, new Add(2));
        probe.Send(actor, "state");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        journal.Release();

        Assert.Equal("persisted 1", probe.ExpectMsg<string>());
        Assert.Equal([1], probe.ExpectMsg<State>().Values);
        Assert.Equal("persisted 2", probe.ExpectMsg<string>());
        Assert.Equal([1, 2], probe.ExpectMsg<State>().Values);
    }

    [Fact]
    public void A_failed_write_stops_the_actor_and_publishes_a_persistence_failure()
    {
        var journal = new GatedJournal { FailWrites = true };
        Sys.UsePersistence(journal, new InMemorySnapshotStore(), Serializers());
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(PersistenceFailure));
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Accumulator("failing")));
        probe.Watch(actor);

        probe.Send(actor, new Add(5));
        probe.Send(actor, "state");

        var failure = failures.ExpectMsg<PersistenceFailure>();
        Assert.Equal("failing", failure.PersistenceId);
        Assert.Equal(1, failure.SequenceNr);
        Assert.IsType<IOException>(failure.Cause);
        probe.ExpectTerminated(actor);
    }

    [Fact]
    public void An_unknown_manifest_during_recovery_stops_the_actor_with_a_clear_error()
    {
        var journal = new InMemoryJournal();
        journal.WriteAsync([new PersistentRepresentation("legacy", 1, "renamed-event", "{}"u8.ToArray(), DateTimeOffset.UnixEpoch)]).GetAwaiter().GetResult();
        Sys.UsePersistence(journal, new InMemorySnapshotStore(), Serializers());
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(RecoveryFailure));
        var probe = CreateTestProbe();

        var actor = Sys.ActorOf(Props.Create(() => new Accumulator("legacy")));
        probe.Watch(actor);

        var failure = failures.ExpectMsg<RecoveryFailure>();
        var unknown = Assert.IsType<UnknownManifestException>(failure.Cause);
        Assert.Equal("renamed-event", unknown.Manifest);
        Assert.Equal("legacy", unknown.PersistenceId);
        Assert.Contains("renamed-event", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("legacy", unknown.Message, StringComparison.Ordinal);
        probe.ExpectTerminated(actor);
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        var journal = new InMemoryJournal();
        var snapshots = new InMemorySnapshotStore();
        Sys.UsePersistence(journal, snapshots, Serializers());
        var probe = CreateTestProbe();
        var first = Sys.ActorOf(Props.Create(() => new Accumulator("snap")));
        probe.Send(first, new Add(1));
        probe.Send(first, new Add(2));
        probe.ReceiveN<string>(2);
        probe.Send(first, "snapshot");
        probe.ExpectMsg<SaveSnapshotSuccess>();
        probe.Send(first, new Add(3));
        probe.ExpectMsg("persisted 3");
        probe.Send(first, new DeleteTo(2));
        probe.ExpectMsg<DeleteMessagesSuccess>();
        probe.Watch(first);
        Sys.Stop(first);
        probe.ExpectTerminated(first);

        var second = Sys.ActorOf(Props.Create(() => new Accumulator("snap")));
        probe.Send(second, "state");
        var state = probe.ExpectMsg<State>();

        Assert.Equal([1, 2, 3], state.Values);
        Assert.Equal(2, state.SnapshotOfferedAt);
        Assert.Equal(1, state.Replayed);
        Assert.Equal(3, state.LastSequenceNr);
        probe.Send(second, new Add(4));
        probe.ExpectMsg("persisted 4");
        Assert.Equal(4, journal.ReadHighestSequenceNrAsync("snap").GetAwaiter().GetResult());
    }

    [Fact]
    public void A_failing_persist_handler_restarts_the_actor_which_recovers_the_written_event()
    {
        Sys.UsePersistence(Serializers());
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Accumulator("handler-fails")));

        probe.Send(actor, new Add(13));
        probe.Send(actor, "state");

        Assert.Equal([13], probe.ExpectMsg<State>().Values);
    }

    [Fact]
    public void Persisting_an_unregistered_type_fails_the_command_without_writing()
    {
        var journal = new InMemoryJournal();
        Sys.UsePersistence(journal, new InMemorySnapshotStore(), new EventSerializerRegistry());
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Accumulator("unregistered")));

        probe.Send(actor, new Add(1));
        probe.Send(actor, "state");

        Assert.Empty(probe.ExpectMsg<State>().Values);
        Assert.Equal(0, journal.ReadHighestSequenceNrAsync("unregistered").GetAwaiter().GetResult());
        Assert.Throws<UnregisteredEventTypeException>(() => new EventSerializerRegistry().Serialize(new Add(1)));
    }

    [Fact]
    public void The_registry_rejects_conflicting_manifests()
    {
        var registry = new EventSerializerRegistry().Register<Added>("added");

        Assert.Throws<ArgumentException>(() => registry.Register<Total>("added"));
        Assert.Throws<ArgumentException>(() => registry.Register<Added>("other"));
        var (manifest, payload) = registry.Serialize(new Added(7));
        Assert.Equal("added", manifest);
        Assert.Equal(new Added(7), registry.Deserialize(manifest, payload, "id"));
    }

    private sealed record Add(int Value);

    private sealed record DeleteTo(long SequenceNr);

    private sealed record Added(int Value);

    private sealed record Total(List<int> Values);

    private sealed record State(List<int> Values, long LastSequenceNr, long SnapshotOfferedAt, int Replayed);

    private sealed class Accumulator : ReceivePersistentActor
    {
        private List<int> _values = [];
        private long _snapshotOfferedAt;
        private int _replayed;

        public Accumulator(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<SnapshotOffer>(offer =>
            {
                _values = ((Total)offer.Snapshot).Values.ToList();
                _snapshotOfferedAt = offer.Metadata.SequenceNr;
            });
            Recover<Added>(added =>
            {
                _values.Add(added.Value);
                _replayed++;
            });
            Command<Add>(add => Persist(new Added(add.Value), added =>
            {
                if (added.Value == 13 && !_values.Contains(13))
                {
                    _values.Add(13);
                    throw new InvalidOperationException("handler fails after the write");
                }

                _values.Add(added.Value);
                Sender.Tell($"persisted {added.Value}");
            }));
            Command<string>(s => s == "state", _ => Sender.Tell(new State(_values.ToList(), LastSequenceNr, _snapshotOfferedAt, _replayed)));
            Command<string>(s => s == "snapshot", _ =>
            {
                Requester = Sender;
                SaveSnapshot(new Total(_values.ToList()));
            });
            Command<DeleteTo>(delete =>
            {
                Requester = Sender;
                DeleteMessages(delete.SequenceNr);
            });
            Command<SaveSnapshotSuccess>(success => Notify(success));
            Command<DeleteMessagesSuccess>(success => Notify(success));
        }

        public override string PersistenceId { get; }

        private IActorRef? Requester { get; set; }

        private void Notify(object message) => Requester?.Tell(message);
    }

    private sealed class GatedJournal : IJournal
    {
        private readonly InMemoryJournal _inner = new();
        private TaskCompletionSource _gate = CompletedGate();

        public bool FailWrites { get; init; }

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public async Task WriteAsync(IReadOnlyList<PersistentRepresentation> events, CancellationToken cancellationToken = default)
        {
            await _gate.Task;
            if (FailWrites)
            {
                throw new IOException("disk on fire");
            }

            await _inner.WriteAsync(events, cancellationToken);
        }

        public IAsyncEnumerable<PersistentRepresentation> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
            _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

        public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
            _inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

        public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
            _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }
}
