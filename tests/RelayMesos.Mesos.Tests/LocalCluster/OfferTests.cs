using RelayMesos.LocalCluster;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Reason = RelayMesos.Mesos.V1.TaskStatus.Types.Reason;
using Source = RelayMesos.Mesos.V1.TaskStatus.Types.Source;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class OfferTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(600);

    private static bool IsOffer(Event e) => e.Type == Event.Types.Type.Offers;

    [Fact]
    public async Task Each_agent_offers_its_resources_hostname_and_attributes_once_per_framework()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions(agents: 2) with
        {
            Cpus = 3,
            Mem = 512,
            Disk = 100,
            Gpus = 1,
            Ports = "31000-31004",
            Attributes = "rack:r1;zone:a|rack:r2;zone:a",
        });
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);

        var @event = await scheduler.Events.NextAsync(IsOffer);
        var offers = @event.Offers.Offers_.Concat(
            @event.Offers.Offers_.Count < 2 ? (await scheduler.Events.NextAsync(IsOffer)).Offers.Offers_ : []).OrderBy(o => o.Hostname).ToList();

        Assert.Equal(["agent-0", "agent-1"], offers.Select(o => o.Hostname));
        Assert.All(offers, o =>
        {
            Assert.Equal(3, TestScheduler.ScalarOf(o, "cpus"));
            Assert.Equal(512, TestScheduler.ScalarOf(o, "mem"));
            Assert.Equal(1, TestScheduler.ScalarOf(o, "gpus"));
            Assert.Equal((31000UL, 31004UL), (o.Resources.Single(r => r.Name == "ports").Ranges.Range[0].Begin, o.Resources.Single(r => r.Name == "ports").Ranges.Range[0].End));
            Assert.Null(o.AllocationInfo);
            Assert.All(o.Resources, r => Assert.Null(r.AllocationInfo));
            Assert.Matches("-O[0-9]+$", o.Id.Value);
            Assert.Matches("-S[0-9]+$", o.AgentId.Value);
        });
        Assert.Equal(["r1", "r2"], offers.Select(o => o.Attributes.Single(a => a.Name == "rack").Text.Value));
        Assert.False(await scheduler.Events.ArrivesWithinAsync(IsOffer, Quiet));
    }

    [Fact]
    public async Task Multi_role_frameworks_get_allocation_info_on_offers_and_resources()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        var info = TestScheduler.Framework(capabilities: FrameworkInfo.Types.Capability.Types.Type.MultiRole);
        info.Roles.Add("web");
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster, info);

        var offer = await scheduler.NextOfferAsync();

        Assert.Equal("web", offer.AllocationInfo.Role);
        Assert.All(offer.Resources, r => Assert.Equal("web", r.AllocationInfo.Role));
    }

    [Fact]
    public async Task Launching_until_full_shrinks_later_offers_and_never_overcommits()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions() with { Cpus = 1, Mem = 256 });
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);

        var first = await scheduler.NextOfferAsync();
        await scheduler.LaunchAsync(first, TestScheduler.ShellTask("t1", first, "sleep 30", cpus: 0.6, mem: 100));
        var second = await scheduler.NextOfferAsync();
        Assert.Equal(0.4, TestScheduler.ScalarOf(second, "cpus"), 3);
        Assert.Equal(156, TestScheduler.ScalarOf(second, "mem"), 3);

        await scheduler.LaunchAsync(second, TestScheduler.ShellTask("too-big", second, "sleep 30", cpus: 0.5, mem: 10));
        var error = await scheduler.NextUpdateAsync("too-big");
        Assert.Equal(TaskState.TaskError, error.State);
        Assert.Equal(Reason.TaskInvalid, error.Reason);
        Assert.Equal(Source.Master, error.Source);

        var third = await scheduler.NextOfferAsync();
        await scheduler.LaunchAsync(third, TestScheduler.ShellTask("t2", third, "sleep 30", cpus: 0.4, mem: 156));
        scheduler.Events.DropSkipped();
        Assert.False(await scheduler.Events.ArrivesWithinAsync(e => IsOffer(e) && e.Offers.Offers_.Any(o => TestScheduler.ScalarOf(o, "cpus") > 0), Quiet));
    }

    [Fact]
    public async Task Reusing_an_offer_loses_the_tasks_with_invalid_offers_and_partition_aware_frameworks_see_them_dropped()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster,
            TestScheduler.Framework(capabilities: FrameworkInfo.Types.Capability.Types.Type.PartitionAware));
        var offer = await scheduler.NextOfferAsync();
        await scheduler.Client.DeclineAsync([offer.Id], new Filters { RefuseSeconds = 60 });

        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("late", offer, "true"));
        var dropped = await scheduler.NextUpdateAsync("late");

        Assert.Equal(TaskState.TaskDropped, dropped.State);
        Assert.Equal(Reason.InvalidOffers, dropped.Reason);
        Assert.Equal(Source.Master, dropped.Source);
        Assert.True(dropped.Uuid.IsEmpty);
    }

    [Fact]
    public async Task A_decline_filter_holds_offers_back_and_revive_clears_it()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();

        await scheduler.Client.DeclineAsync([offer.Id], new Filters { RefuseSeconds = 3600 });
        Assert.False(await scheduler.Events.ArrivesWithinAsync(IsOffer, Quiet));

        await scheduler.Client.ReviveAsync();
        var again = await scheduler.NextOfferAsync();
        Assert.Equal(offer.AgentId, again.AgentId);
    }

    [Fact]
    public async Task A_short_decline_filter_expires_by_itself()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();

        await scheduler.Client.DeclineAsync([offer.Id], new Filters { RefuseSeconds = 0.3 });

        var again = await scheduler.NextOfferAsync();
        Assert.NotEqual(offer.Id, again.Id);
    }

    [Fact]
    public async Task Suppress_stops_offers_until_revive()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();

        await scheduler.Client.SuppressAsync();
        await scheduler.Client.DeclineAsync([offer.Id], new Filters { RefuseSeconds = 0 });
        Assert.False(await scheduler.Events.ArrivesWithinAsync(IsOffer, Quiet));

        await scheduler.Client.ReviveAsync();
        await scheduler.NextOfferAsync();
    }

    [Fact]
    public async Task Offers_are_rescinded_after_the_offer_timeout_and_offered_again()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions() with { OfferTimeout = TimeSpan.FromMilliseconds(300) });
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster);
        var offer = await scheduler.NextOfferAsync();

        var rescind = await scheduler.Events.NextAsync(e => e.Type == Event.Types.Type.Rescind);
        var next = await scheduler.NextOfferAsync();

        Assert.Equal(offer.Id, rescind.Rescind.OfferId);
        Assert.NotEqual(offer.Id, next.Id);
    }
}
