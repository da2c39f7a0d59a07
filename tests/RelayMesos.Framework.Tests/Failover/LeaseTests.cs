using RelayMesos.Failover.Leasing;

namespace RelayMesos.Framework.Tests.Failover;

/// <summary>Lease behaviour on the database clock, for both providers.</summary>
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
    public async Task Ending_a_gone_holders_term_lets_the_next_take_over_at_once_and_fences_the_old_one_by_epoch()
    {
        var gone = await OpenAsync(holderId: "gone", ttl: TimeSpan.FromMinutes(5));
        var next = await OpenAsync(holderId: "next", ttl: TimeSpan.FromMinutes(5));
        var term = await gone.Lease.TryAcquireAsync();

        Assert.Null(await next.EndTermOfGoneHolderAsync(next.Options.LeaseName, "someone-else"));
        Assert.Equal(term!.Epoch, await next.EndTermOfGoneHolderAsync(next.Options.LeaseName, "gone"));
        // Once ended, there is nothing more to end: every survivor may try, one ends it.
        Assert.Null(await next.EndTermOfGoneHolderAsync(next.Options.LeaseName, "gone"));

        Assert.True((await next.Lease.ReadLeaderAsync())!.IsExpired);
        Assert.Equal(term.Epoch + 1, (await next.Lease.TryAcquireAsync())!.Epoch);
        // Had the evidence been wrong, the old holder's next renewal finds the epoch moved on.
        Assert.False(await gone.Lease.TryRenewAsync());
        Assert.Null(await next.EndTermOfGoneHolderAsync(next.Options.LeaseName, "gone"));
    }
}
