namespace RelayMesos.Persistence.Sql.Tests;

/// <summary>A database written by the previous schema version is migrated on open with its data intact.</summary>
public abstract class MigrationTests : StoreTestBase
{
    [Fact]
    public async Task A_version_one_database_is_migrated_with_its_events_snapshots_and_highest_sequence_nr()
    {
        // Version 1 exactly as that build created it, with data in every table.
        await ExecuteRawAsync($"""
            CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at_ms BIGINT NOT NULL);
            INSERT INTO schema_version VALUES (1, 'journal, journal metadata and snapshots', 0);
            CREATE TABLE journal (persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL, manifest TEXT NOT NULL,
                payload {BinaryType} NOT NULL, timestamp_utc_ticks BIGINT NOT NULL, PRIMARY KEY (persistence_id, sequence_nr));
            CREATE TABLE journal_metadata (persistence_id TEXT NOT NULL PRIMARY KEY, highest_sequence_nr BIGINT NOT NULL);
            CREATE TABLE snapshots (persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL, timestamp_utc_ticks BIGINT NOT NULL,
                manifest TEXT NOT NULL, payload {BinaryType} NOT NULL, PRIMARY KEY (persistence_id, sequence_nr));
            INSERT INTO journal VALUES ('controller', 7, 'step', {Bytes(7)}, 638000000000000007);
            INSERT INTO journal VALUES ('controller', 8, 'step', {Bytes(8)}, 638000000000000008);
            INSERT INTO journal_metadata VALUES ('tasks', 12);
            INSERT INTO snapshots VALUES ('controller', 6, 638000000000000006, 'state', {Bytes(6)});
            """);

        var store = await OpenAsync(fenced: true, holderId: "a");

        var events = await ReplayAllAsync(store.Journal, "controller");
        Assert.Equal([7L, 8L], events.Select(e => e.SequenceNr));
        Assert.Equal(new byte[] { (byte)8 }, events[1].Payload);
        Assert.Equal(638000000000000008, events[1].Timestamp.UtcTicks);
        Assert.Equal(12, await store.Journal.ReadHighestSequenceNrAsync("tasks"));
        Assert.Equal(new byte[] { (byte)6 }, (await store.SnapshotStore.LoadLatestAsync("controller", long.MaxValue))!.Payload);

        // Version 2's additions work: the lease, and fenced writes that record the epoch.
        Assert.NotNull(await store.Lease.TryAcquireAsync());
        await store.Journal.WriteAsync([Event("controller", 9)]);
        await store.Journal.WriteAsync([Event("tasks", 13)]);
        Assert.Equal(9, await store.Journal.ReadHighestSequenceNrAsync("controller"));
    }

    [Fact]
    public async Task Opening_twice_migrates_once()
    {
        var first = await OpenAsync();
        await first.Journal.WriteAsync([Event("p", 1)]);

        var second = await OpenAsync();

        Assert.Equal(1, await second.Journal.ReadHighestSequenceNrAsync("p"));
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused_with_a_clear_error()
    {
        await ExecuteRawAsync("""
            CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at_ms BIGINT NOT NULL);
            INSERT INTO schema_version VALUES (99, 'from the future', 0);
            """);

        var error = await Assert.ThrowsAsync<SqlPersistenceException>(() => OpenAsync());

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    protected abstract string Bytes(byte value);
}
