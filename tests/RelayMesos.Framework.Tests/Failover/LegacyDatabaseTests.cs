using RelayMesos.Failover;

namespace RelayMesos.Framework.Tests.Failover;

/// <summary>A database written by relay-mesos before Akka.Persistence is recognised and refused, never converted or overwritten.</summary>
public abstract class LegacyDatabaseTests : StoreTestBase
{
    [Fact]
    public async Task A_pre_Akka_database_is_refused_with_one_line_and_left_as_it_was()
    {
        // Schema version 2 exactly as the last pre-Akka build created it, with data.
        await ExecuteRawAsync($"""
            CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at_ms BIGINT NOT NULL);
            INSERT INTO schema_version VALUES (1, 'journal, journal metadata and snapshots', 0);
            INSERT INTO schema_version VALUES (2, 'leader lease and the writer''s epoch on every event', 0);
            CREATE TABLE journal (persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL, manifest TEXT NOT NULL,
                payload {BinaryType} NOT NULL, timestamp_utc_ticks BIGINT NOT NULL, writer_epoch BIGINT, PRIMARY KEY (persistence_id, sequence_nr));
            CREATE TABLE leases (name TEXT NOT NULL PRIMARY KEY, holder_id TEXT NOT NULL, epoch BIGINT NOT NULL, expires_at_ms BIGINT NOT NULL);
            INSERT INTO journal VALUES ('relay-controller', 7, 'relay.controller-stepped.v1', {Bytes(7)}, 638000000000000007, 3);
            INSERT INTO leases VALUES ('relay-mesos', 'old', 3, 0);
            """);

        var error = await Assert.ThrowsAsync<LegacyDatabaseException>(() => OpenAsync());

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("before Akka.Persistence", error.Message, StringComparison.Ordinal);
        Assert.Contains("new database", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await ScalarRawAsync("SELECT COUNT(*) FROM journal WHERE sequence_nr = 7"));
        Assert.Equal(3, await ScalarRawAsync("SELECT epoch FROM leases"));
    }

    [Fact]
    public async Task Opening_a_new_database_twice_works_and_keeps_the_lease()
    {
        var first = await OpenAsync(holderId: "a", ttl: TimeSpan.FromSeconds(30));
        Assert.NotNull(await first.Lease.TryAcquireAsync());

        var second = await OpenAsync(holderId: "b", ttl: TimeSpan.FromSeconds(30));

        Assert.Equal("a", (await second.Lease.ReadLeaderAsync())!.HolderId);
    }

    protected abstract string BinaryType { get; }

    protected abstract string Bytes(byte value);

    protected abstract Task<long> ScalarRawAsync(string sql);
}
