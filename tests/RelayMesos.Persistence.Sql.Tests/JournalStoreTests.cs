using RelayMesos.Actors.Persistence;

namespace RelayMesos.Persistence.Sql.Tests;

/// <summary>What the SQL journal adds to the contract suite: typed errors, concurrent writers, fencing.</summary>
public abstract class JournalStoreTests : StoreTestBase
{
    [Fact]
    public async Task Duplicates_and_gaps_are_refused_with_a_typed_error_that_names_the_expected_number()
    {
        var store = await OpenAsync();
        await store.Journal.WriteAsync([Event("p", 1), Event("p", 2)]);

        var duplicate = await Assert.ThrowsAsync<JournalSequenceException>(() => store.Journal.WriteAsync([Event("p", 2, "again"), Event("p", 3)]));
        var gap = await Assert.ThrowsAsync<JournalSequenceException>(() => store.Journal.WriteAsync([Event("p", 4)]));
        await Assert.ThrowsAsync<JournalSequenceException>(() => store.Journal.WriteAsync([Event("p", 3), Event("p", 5)]));

        Assert.Equal((3, 2), (duplicate.ExpectedSequenceNr, duplicate.ActualSequenceNr));
        Assert.Equal((3, 4), (gap.ExpectedSequenceNr, gap.ActualSequenceNr));

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
