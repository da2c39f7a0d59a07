using RelayMesos.Actors.Persistence;
using Xunit;

namespace RelayMesos.TestKit.Persistence;

/// <summary>
/// What every <see cref="ISnapshotStore"/> must do. A provider's test project derives from this class and supplies
/// <see cref="CreateSnapshotStore"/> (and, for a real database, <see cref="InitializeStoreAsync"/>).
/// </summary>
public abstract class SnapshotStoreContractTests : IAsyncLifetime
{
    private ISnapshotStore? _store;

    protected ISnapshotStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>A store with no snapshots, isolated from other tests.</summary>
    protected abstract ISnapshotStore CreateSnapshotStore();

    protected virtual Task InitializeStoreAsync() => Task.CompletedTask;

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await InitializeStoreAsync().ConfigureAwait(false);
        _store = CreateSnapshotStore();
    }

    public Task DisposeAsync() => DisposeStoreAsync();

    protected static StoredSnapshot Snapshot(string persistenceId, long sequenceNr, byte marker = 0) =>
        new(new SnapshotMetadata(persistenceId, sequenceNr, DateTimeOffset.UnixEpoch.AddMinutes(sequenceNr)), "test-snapshot", [(byte)sequenceNr, marker]);

    [Fact]
    public async Task Loads_nothing_for_an_unknown_id()
    {
        Assert.Null(await Store.LoadLatestAsync("nobody", long.MaxValue));
    }

    [Fact]
    public async Task Loads_the_latest_snapshot_with_its_content()
    {
        await Store.SaveAsync(Snapshot("p", 5));
        await Store.SaveAsync(Snapshot("p", 10));
        await Store.SaveAsync(Snapshot("p", 7));

        var latest = await Store.LoadLatestAsync("p", long.MaxValue);

        Assert.NotNull(latest);
        Assert.Equal(new SnapshotMetadata("p", 10, DateTimeOffset.UnixEpoch.AddMinutes(10)), latest.Metadata);
        Assert.Equal("test-snapshot", latest.Manifest);
        Assert.Equal(new byte[] { 10, 0 }, latest.Payload);
    }

    [Fact]
    public async Task Loads_the_latest_snapshot_at_or_below_the_maximum()
    {
        await Store.SaveAsync(Snapshot("p", 5));
        await Store.SaveAsync(Snapshot("p", 10));

        Assert.Equal(5, (await Store.LoadLatestAsync("p", 9))?.Metadata.SequenceNr);
        Assert.Equal(10, (await Store.LoadLatestAsync("p", 10))?.Metadata.SequenceNr);
        Assert.Null(await Store.LoadLatestAsync("p", 4));
    }

    [Fact]
    public async Task Delete_removes_snapshots_up_to_and_including_the_bound()
    {
        await Store.SaveAsync(Snapshot("p", 5));
        await Store.SaveAsync(Snapshot("p", 10));
        await Store.SaveAsync(Snapshot("p", 15));

        await Store.DeleteAsync("p", 10);

        Assert.Equal(15, (await Store.LoadLatestAsync("p", long.MaxValue))?.Metadata.SequenceNr);
        Assert.Null(await Store.LoadLatestAsync("p", 14));
    }

    [Fact]
    public async Task Saving_at_the_same_sequence_number_replaces_the_snapshot()
    {
        await Store.SaveAsync(Snapshot("p", 5, marker: 1));
        await Store.SaveAsync(Snapshot("p", 5, marker: 2));

        var latest = await Store.LoadLatestAsync("p", long.MaxValue);

        Assert.Equal(new byte[] { 5, 2 }, latest?.Payload);
        await Store.DeleteAsync("p", 5);
        Assert.Null(await Store.LoadLatestAsync("p", long.MaxValue));
    }

    [Fact]
    public async Task Persistence_ids_are_isolated()
    {
        await Store.SaveAsync(Snapshot("a", 3));
        await Store.SaveAsync(Snapshot("b", 8));

        await Store.DeleteAsync("b", long.MaxValue);

        Assert.Equal(3, (await Store.LoadLatestAsync("a", long.MaxValue))?.Metadata.SequenceNr);
        Assert.Null(await Store.LoadLatestAsync("b", long.MaxValue));
    }
}
