using RelayMesos.Persistence.Sql.Leasing;

namespace RelayMesos.Persistence.Sql.Tests;

/// <summary>Lease and elector behaviour on the database clock, for both providers.</summary>
public abstract class LeaseTests : StoreTestBase
{
    [Fact]
    public async Task A_free_lease_is_acquired_with_epoch_one_and_a_valid_one_cannot_be_taken()
    {
        var a = await OpenAsync(holderId: "a", ttl: TimeSpan.FromSeconds(30));
        var b = await OpenAsync(holderId: "b", ttl: TimeSpan.FromSeconds(30));

        Assert.Null(await a.Lease.ReadLeaderAsync());
        var term = await a.Lease.TryAcquireAsync();
        var stolen = await b.Lease.TryAcquireAsync();
        var leader = await b.Lease.ReadLeaderAsync();

        Assert.Equal(new LeaseTerm(a.Options.LeaseName, "a", 1), term);
        Assert.Null(stolen);
        Assert.Null(b.Lease.CurrentTerm);
        Assert.Equal("a", leader!.HolderId);
        Assert.Equal(1, leader.Epoch);
        Assert.False(leader.IsExpired);
    }

    [Fact]
    public async Task Renewing_moves_the_expiry_on_and_keeps_the_epoch()
    {
        var a = await OpenAsync(holderId: "a", ttl: TimeSpan.FromSeconds(30));
        await a.Lease.TryAcquireAsync();
        var before = await a.Lease.ReadLeaderAsync();
        await EventuallyAsync(async () => (await a.Lease.ReadLeaderAsync())!.DatabaseNow > before!.DatabaseNow, "the database clock advances");

        Assert.True(await a.Lease.TryRenewAsync());

        var after = await a.Lease.ReadLeaderAsync();
        Assert.True(after!.ExpiresAt > before!.ExpiresAt);
        Assert.Equal(before.Epoch, after.Epoch);
    }

    [Fact]
    public async Task An_expired_lease_taken_over_cannot_be_renewed_and_the_taker_has_the_next_epoch()
    {
        var a = await OpenAsync(holderId: "a");
        var b = await OpenAsync(holderId: "b");
        var termA = await a.Lease.TryAcquireAsync();

        await EventuallyAsync(async () => (await b.Lease.ReadLeaderAsync())!.IsExpired, "A's lease expires");
        var termB = await b.Lease.TryAcquireAsync();
        var renewed = await a.Lease.TryRenewAsync();

        Assert.False(renewed);
        Assert.Null(a.Lease.CurrentTerm);
        Assert.Equal(termA!.Epoch + 1, termB!.Epoch);
        Assert.Equal("b", (await a.Lease.ReadLeaderAsync())!.HolderId);
    }

    [Fact]
    public async Task An_expired_lease_nobody_took_is_renewed_in_the_same_epoch()
    {
        var a = await OpenAsync(holderId: "a");
        var termA = await a.Lease.TryAcquireAsync();

        await EventuallyAsync(async () => (await a.Lease.ReadLeaderAsync())!.IsExpired, "A's lease expires while A stalls");
        var renewed = await a.Lease.TryRenewAsync();

        Assert.True(renewed);
        Assert.Equal(termA, a.Lease.CurrentTerm);
        var row = await a.Lease.ReadLeaderAsync();
        Assert.False(row!.IsExpired);
        Assert.Equal(termA!.Epoch, row.Epoch);
    }

    [Fact]
    public async Task An_elector_whose_lease_expired_while_it_stalled_keeps_its_term_when_nobody_took_it()
    {
        var a = await OpenAsync(holderId: "a", ttl: TimeSpan.FromSeconds(30));
        await using var elector = a.CreateElector();
        var changes = elector.ReadChangesAsync().GetAsyncEnumerator();
        elector.Start();
        Assert.True(await changes.MoveNextAsync());

        // What a stall past the TTL leaves in the row when no standby took over: our epoch, expired.
        await ExecuteRawAsync("UPDATE leases SET expires_at_ms = 0");
        await EventuallyAsync(async () => !(await a.Lease.ReadLeaderAsync())!.IsExpired, "the elector renews the expired term");

        var next = changes.MoveNextAsync();
        Assert.False(next.IsCompleted, "the elector reported a change of leadership");
        Assert.True(elector.IsLeader);
        Assert.Equal(1, (await a.Lease.ReadLeaderAsync())!.Epoch);
        Assert.Equal(1, a.Lease.CurrentTerm!.Epoch);
    }

    [Fact]
    public async Task Releasing_lets_a_standby_take_over_at_once()
    {
        var a = await OpenAsync(holderId: "a", ttl: TimeSpan.FromMinutes(5));
        var b = await OpenAsync(holderId: "b", ttl: TimeSpan.FromMinutes(5));
        await a.Lease.TryAcquireAsync();

        await a.Lease.ReleaseAsync();

        Assert.True((await b.Lease.ReadLeaderAsync())!.IsExpired);
        Assert.Equal(2, (await b.Lease.TryAcquireAsync())!.Epoch);
        Assert.Null(a.Lease.CurrentTerm);
    }

    [Fact]
    public async Task Electors_hand_over_when_the_leader_stops()
    {
        var a = await OpenAsync(holderId: "a", ttl: TimeSpan.FromSeconds(30));
        var b = await OpenAsync(holderId: "b", ttl: TimeSpan.FromSeconds(30));
        await using var electorA = a.CreateElector();
        await using var electorB = b.CreateElector();
        var changesA = electorA.ReadChangesAsync().GetAsyncEnumerator();
        var changesB = electorB.ReadChangesAsync().GetAsyncEnumerator();

        electorA.Start();
        Assert.True(await changesA.MoveNextAsync());
        Assert.Equal(new LeadershipChanged(true, 1, "a"), changesA.Current);
        electorB.Start();

        await electorA.StopAsync();
        Assert.True(await changesB.MoveNextAsync());

        Assert.Equal(new LeadershipChanged(true, 2, "b"), changesB.Current);
        Assert.True(await changesA.MoveNextAsync());
        Assert.Equal(new LeadershipChanged(false, 1, "a"), changesA.Current);
        Assert.False(await changesA.MoveNextAsync());
    }

    [Fact]
    public async Task The_elector_reports_the_loss_when_another_holder_has_taken_the_lease()
    {
        var a = await OpenAsync(holderId: "a", ttl: TimeSpan.FromSeconds(30));
        await using var elector = a.CreateElector();
        var changes = elector.ReadChangesAsync().GetAsyncEnumerator();
        elector.Start();
        Assert.True(await changes.MoveNextAsync());

        // What a takeover after a long stall of this instance leaves in the row.
        await ExecuteRawAsync("UPDATE leases SET holder_id = 'b', epoch = epoch + 1");

        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(new LeadershipChanged(false, 1, "a"), changes.Current);
        Assert.False(elector.IsLeader);
    }
}
