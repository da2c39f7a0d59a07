using RelayMesos.Actors.Persistence;

namespace RelayMesos.Persistence.Sql.Tests;

/// <summary>Journal and snapshot behaviour that both providers must show.</summary>
public abstract class JournalStoreTests : StoreTestBase
{
    [Fact]
    public async Task Written_events_replay_in_order_with_every_field()
    {
        var store = await OpenAsync();
        await store.Journal.WriteAsync([Event("p", 1), Event("p", 2)]);
        await store.Journal.WriteAsync([Event("p", 3)]);

        var replayed = await ReplayAllAsync(store.Journal, "p");

        Assert.Equal([1L, 2L, 3L], replayed.Select(e => e.SequenceNr));
        for (var i = 0; i < 3; i++)
        {
            var expected = Event("p", i + 1);
            Assert.Equal(expected.Manifest, replayed[i].Manifest);
            Assert.Equal(expected.Payload, replayed[i].Payload);
            Assert.Equal(expected.Timestamp, replayed[i].Timestamp);
            Assert.Equal("p", replayed[i].PersistenceId);
        }

        Assert.Equal(3, await store.Journal.ReadHighestSequenceNrAsync("p"));
        Assert.Equal(0, await store.Journal.ReadHighestSequenceNrAsync("other"));
    }

    [Fact]
    public async Task Replay_honours_the_range_and_the_maximum_count()
    {
        var store = await OpenAsync();
        await store.Journal.WriteAsync([.. Enumerable.Range(1, 10).Select(i => Event("p", i))]);

        var range = await store.Journal.ReplayAsync("p", 3, 7, 3).ToListAsync();
        var none = await store.Journal.ReplayAsync("p", 3, 7, 0).ToListAsync();

        Assert.Equal([3L, 4L, 5L], range.Select(e => e.SequenceNr));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_gap_is_refused_and_nothing_of_the_batch_is_written()
    {
        var store = await OpenAsync();
        await store.Journal.WriteAsync([Event("p", 1)]);

        var error = await Assert.ThrowsAsync<JournalSequenceException>(() => store.Journal.WriteAsync([Event("p", 3), Event("p", 4)]));

        Assert.Equal(2, error.ExpectedSequenceNr);
        Assert.Equal(1, await store.Journal.ReadHighestSequenceNrAsync("p"));
    }

    [Fact]
    public async Task A_duplicate_is_refused_and_the_batch_is_all_or_nothing()
    {
        var store = await OpenAsync();
        await store.Journal.WriteAsync([Event("p", 1), Event("p", 2)]);

        await Assert.ThrowsAsync<JournalSequenceException>(() => store.Journal.WriteAsync([Event("p", 2, "again"), Event("p", 3)]));
        await Assert.ThrowsAsync<JournalSequenceException>(() => store.Journal.WriteAsync([Event("p", 3), Event("p", 5)]));

        Assert.Equal([1L, 2L], (await ReplayAllAsync(store.Journal, "p")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Deleting_keeps_the_highest_sequence_nr_so_numbering_continues()
    {
        var store = await OpenAsync();
        await store.Journal.WriteAsync([.. Enumerable.Range(1, 5).Select(i => Event("p", i))]);

        await store.Journal.DeleteMessagesToAsync("p", 5);

        Assert.Empty(await ReplayAllAsync(store.Journal, "p"));
        Assert.Equal(5, await store.Journal.ReadHighestSequenceNrAsync("p"));
        await Assert.ThrowsAsync<JournalSequenceException>(() => store.Journal.WriteAsync([Event("p", 1)]));
        await store.Journal.WriteAsync([Event("p", 6)]);
        Assert.Equal([6L], (await ReplayAllAsync(store.Journal, "p")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Two_writers_racing_for_the_same_sequence_nr_exactly_one_wins()
    {
        var first = await OpenAsync(holderId: "a");
        var second = await OpenAsync(holderId: "b");
        for (var seq = 1; seq <= 10; seq++)
        {
            var attempts = new[] { first.Journal, second.Journal }
                .Select(j => Task.Run(() => j.WriteAsync([Event("race", seq, j == first.Journal ? "first" : "second")])))
                .ToArray();
            var outcomes = await Task.WhenAll(attempts.Select(async t =>
            {
                try
                {
                    await t;
                    return true;
                }
                catch (JournalSequenceException)
                {
                    return false;
                }
            }));

            Assert.Single(outcomes, won => won);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), (await ReplayAllAsync(first.Journal, "race")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Snapshots_load_the_newest_at_or_below_the_bound_and_delete_up_to_it()
    {
        var store = await OpenAsync();
        var at = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(42);
        foreach (var seq in new long[] { 10, 20, 30 })
        {
            await store.SnapshotStore.SaveAsync(new StoredSnapshot(new SnapshotMetadata("p", seq, at), "state", [(byte)seq]));
        }

        await store.SnapshotStore.SaveAsync(new StoredSnapshot(new SnapshotMetadata("p", 20, at), "state.v2", [99]));

        var latest = await store.SnapshotStore.LoadLatestAsync("p", long.MaxValue);
        var bounded = await store.SnapshotStore.LoadLatestAsync("p", 29);
        await store.SnapshotStore.DeleteAsync("p", 20);
        var afterDelete = await store.SnapshotStore.LoadLatestAsync("p", 29);

        Assert.Equal(new SnapshotMetadata("p", 30, at), latest!.Metadata);
        Assert.Equal(new byte[] { (byte)30 }, latest.Payload);
        Assert.Equal("state.v2", bounded!.Manifest);
        Assert.Equal(new byte[] { (byte)99 }, bounded.Payload);
        Assert.Null(afterDelete);
        Assert.Null(await store.SnapshotStore.LoadLatestAsync("nobody", long.MaxValue));
    }

    [Fact]
    public async Task Fenced_stores_refuse_writes_while_the_lease_is_not_held()
    {
        var store = await OpenAsync(fenced: true);

        var journal = await Assert.ThrowsAsync<FencedWriteException>(() => store.Journal.WriteAsync([Event("p", 1)]));
        await Assert.ThrowsAsync<FencedWriteException>(
            () => store.SnapshotStore.SaveAsync(new StoredSnapshot(new SnapshotMetadata("p", 1, DateTimeOffset.UnixEpoch), "s", [1])));

        Assert.Null(journal.WriterEpoch);
        Assert.Equal(0, await store.Journal.ReadHighestSequenceNrAsync("p"));
    }

    [Fact]
    public async Task A_deposed_leaders_write_is_refused_and_the_new_leaders_succeeds()
    {
        var a = await OpenAsync(fenced: true, holderId: "a");
        var b = await OpenAsync(fenced: true, holderId: "b");
        var termA = await a.Lease.TryAcquireAsync();
        Assert.NotNull(termA);
        await a.Journal.WriteAsync([Event("p", 1)]);

        // A stops renewing (a long pause, say); its lease lapses on the database clock and B takes over.
        await EventuallyAsync(async () => (await b.Lease.ReadLeaderAsync())!.IsExpired, "A's lease expires");
        var termB = await b.Lease.TryAcquireAsync();

        Assert.Equal(termA.Epoch + 1, termB!.Epoch);
        Assert.Equal(termA, a.Lease.CurrentTerm);
        var refused = await Assert.ThrowsAsync<FencedWriteException>(() => a.Journal.WriteAsync([Event("p", 2, "from-a")]));
        Assert.Equal(termA.Epoch, refused.WriterEpoch);
        Assert.Equal(termB.Epoch, refused.CurrentEpoch);
        await b.Journal.WriteAsync([Event("p", 2, "from-b")]);
        var events = await ReplayAllAsync(b.Journal, "p");
        Assert.Equal("from-b-2", System.Text.Encoding.UTF8.GetString(events[1].Payload));
    }
}
