using RelayMesos.Actors.Persistence;
using Xunit;

namespace RelayMesos.TestKit.Persistence;

/// <summary>
/// What every <see cref="IJournal"/> must do. A provider's test project derives from this class and supplies
/// <see cref="CreateJournal"/> (and, for a real database, <see cref="InitializeAsync"/> to create the schema).
/// </summary>
public abstract class JournalContractTests : IAsyncLifetime
{
    private IJournal? _journal;

    protected IJournal Journal => _journal ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>A journal with no events, isolated from other tests.</summary>
    protected abstract IJournal CreateJournal();

    /// <summary>Runs before each test, before <see cref="CreateJournal"/>; override to start a database or create tables.</summary>
    protected virtual Task InitializeStoreAsync() => Task.CompletedTask;

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await InitializeStoreAsync().ConfigureAwait(false);
        _journal = CreateJournal();
    }

    public Task DisposeAsync() => DisposeStoreAsync();

    protected static PersistentRepresentation Event(string persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, "test-event", [(byte)sequenceNr, 42], DateTimeOffset.UnixEpoch.AddSeconds(sequenceNr));

    protected async Task<List<PersistentRepresentation>> ReplayAll(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var events = new List<PersistentRepresentation>();
        await foreach (var e in Journal.ReplayAsync(persistenceId, from, to, max).ConfigureAwait(false))
        {
            events.Add(e);
        }

        return events;
    }

    protected Task WriteRange(string persistenceId, long from, long to) =>
        Journal.WriteAsync(Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => Event(persistenceId, n)).ToList());

    [Fact]
    public async Task Replays_written_events_in_sequence_order_with_their_content()
    {
        await WriteRange("p", 1, 3);
        await WriteRange("p", 4, 5);

        var events = await ReplayAll("p");

        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.SequenceNr));
        var third = events[2];
        Assert.Equal("p", third.PersistenceId);
        Assert.Equal("test-event", third.Manifest);
        Assert.Equal(new byte[] { 3, 42 }, third.Payload);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(3), third.Timestamp);
    }

    [Fact]
    public async Task Replay_honours_the_range_bounds_inclusively()
    {
        await WriteRange("p", 1, 10);

        Assert.Equal([3L, 4, 5, 6], (await ReplayAll("p", 3, 6)).Select(e => e.SequenceNr));
        Assert.Equal([10L], (await ReplayAll("p", 10, 20)).Select(e => e.SequenceNr));
        Assert.Empty(await ReplayAll("p", 11));
    }

    [Fact]
    public async Task Replay_returns_at_most_max_events_from_the_start_of_the_range()
    {
        await WriteRange("p", 1, 10);

        Assert.Equal([4L, 5], (await ReplayAll("p", 4, long.MaxValue, 2)).Select(e => e.SequenceNr));
        Assert.Empty(await ReplayAll("p", 1, long.MaxValue, 0));
    }

    [Fact]
    public async Task Highest_sequence_number_is_zero_for_an_unknown_id()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody"));
        Assert.Empty(await ReplayAll("nobody"));
    }

    [Fact]
    public async Task Highest_sequence_number_survives_deleting_every_event()
    {
        await WriteRange("p", 1, 5);

        await Journal.DeleteMessagesToAsync("p", 5);

        Assert.Empty(await ReplayAll("p"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("p"));
        await WriteRange("p", 6, 6);
        Assert.Equal([6L], (await ReplayAll("p")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Delete_to_removes_exactly_the_events_up_to_and_including_the_bound()
    {
        await WriteRange("p", 1, 6);

        await Journal.DeleteMessagesToAsync("p", 3);

        Assert.Equal([4L, 5, 6], (await ReplayAll("p")).Select(e => e.SequenceNr));
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync("p"));
    }

    [Fact]
    public async Task A_duplicate_sequence_number_is_rejected_and_nothing_of_the_batch_is_written()
    {
        await WriteRange("p", 1, 3);

        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteAsync([Event("p", 4), Event("p", 3)]));
        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteAsync([Event("p", 2)]));

        Assert.Equal([1L, 2, 3], (await ReplayAll("p")).Select(e => e.SequenceNr));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("p"));
    }

    [Fact]
    public async Task A_gap_in_sequence_numbers_is_rejected_and_nothing_of_the_batch_is_written()
    {
        await WriteRange("p", 1, 2);

        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteAsync([Event("p", 3), Event("p", 5)]));
        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteAsync([Event("fresh", 2)]));

        Assert.Equal([1L, 2], (await ReplayAll("p")).Select(e => e.SequenceNr));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("fresh"));
    }

    [Fact]
    public async Task A_batch_is_atomic_when_it_fails_on_its_last_event()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteAsync([Event("p", 1), Event("p", 2), Event("p", 2)]));

        Assert.Empty(await ReplayAll("p"));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("p"));
    }

    [Fact]
    public async Task Persistence_ids_are_isolated()
    {
        await WriteRange("a", 1, 3);
        await WriteRange("b", 1, 2);

        await Journal.DeleteMessagesToAsync("a", 2);

        Assert.Equal([3L], (await ReplayAll("a")).Select(e => e.SequenceNr));
        Assert.Equal([1L, 2], (await ReplayAll("b")).Select(e => e.SequenceNr));
        Assert.All(await ReplayAll("b"), e => Assert.Equal("b", e.PersistenceId));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a"));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync("b"));
    }
}
