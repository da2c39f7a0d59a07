using Microsoft.Extensions.Logging;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.ZooKeeper;
using static RelayMesos.Mesos.Tests.ZooKeeper.ZooKeeperTestClients;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

public sealed class ZooKeeperMasterDetectorTests(ZooKeeperServerFixture fixture) : IClassFixture<ZooKeeperServerFixture>
{
    private static readonly ZooKeeperMasterDetectorSettings FastSettings = new()
    {
        SessionTimeout = TimeSpan.FromSeconds(6),
        ConnectTimeout = TimeSpan.FromSeconds(20),
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryDelay = TimeSpan.FromMilliseconds(100),
    };

    private int Port => fixture.Server.Port;

    private ZooKeeperMasterDetector Detector(string path, ILogger? logger = null) =>
        new(ZooKeeperUrl.Parse($"zk://{fixture.Server.HostPort}{path}"), logger ?? new RecordingLogger(), FastSettings);

    [Fact]
    public async Task The_master_with_the_lowest_sequence_number_leads_and_other_children_are_skipped()
    {
        await using var masters = await ConnectAsync(Port);
        var path = UniquePath("mesos");
        await MasterRegistration.RegisterAsync(masters, path, "10.0.0.1", 5050);
        await MasterRegistration.RegisterAsync(masters, path, "10.0.0.2", 5051);
        await masters.CreateAsync($"{path}/log_replicas", [], ZooKeeperCreateMode.Persistent, Limit());
        await using var detector = Detector(path);

        var found = await detector.DetectAsync(Limit());

        Assert.Equal([new Uri("http://10.0.0.1:5050/")], found);
    }

    [Fact]
    public async Task Deleting_the_leaders_node_hands_leadership_to_the_next_master()
    {
        await using var masters = await ConnectAsync(Port);
        var path = UniquePath("mesos");
        var first = await MasterRegistration.RegisterAsync(masters, path, "10.0.0.1", 5050);
        await MasterRegistration.RegisterAsync(masters, path, "10.0.0.2", 5050);
        await using var detector = Detector(path);
        var leader = (await detector.DetectAsync(Limit())).Single();

        await masters.DeleteAsync(first, -1, Limit());

        Assert.Equal(new Uri("http://10.0.0.2:5050/"), await detector.WaitForLeaderChangeAsync(leader, Limit()));
    }

    [Fact]
    public async Task When_the_leaders_session_closes_the_next_master_leads()
    {
        var path = UniquePath("mesos");
        var leadingMaster = await ConnectAsync(Port);
        await using var standbyMaster = await ConnectAsync(Port);
        await MasterRegistration.RegisterAsync(leadingMaster, path, "10.0.0.1", 5050);
        await MasterRegistration.RegisterAsync(standbyMaster, path, "10.0.0.2", 5050);
        await using var detector = Detector(path);
        var leader = (await detector.DetectAsync(Limit())).Single();
        Assert.Equal(new Uri("http://10.0.0.1:5050/"), leader);

        await leadingMaster.DisposeAsync();

        Assert.Equal(new Uri("http://10.0.0.2:5050/"), await detector.WaitForLeaderChangeAsync(leader, Limit()));
    }

    [Fact]
    public async Task Unreadable_leader_data_is_logged_as_an_error_and_the_detector_carries_on()
    {
        await using var masters = await ConnectAsync(Port);
        var path = UniquePath("mesos");
        var logger = new RecordingLogger();
        var good = await MasterRegistration.RegisterAsync(masters, path, "10.0.0.1", 5050);
        var garbage = await MasterRegistration.RegisterRawAsync(masters, path, "not json at all");
        await using var detector = Detector(path, logger);
        var leader = (await detector.DetectAsync(Limit())).Single();

        await masters.DeleteAsync(good, -1, Limit());

        Assert.Null(await detector.WaitForLeaderChangeAsync(leader, Limit()));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(garbage, StringComparison.Ordinal)
            && e.Message.Contains("not valid JSON", StringComparison.Ordinal));

        await MasterRegistration.RegisterAsync(masters, path, "10.0.0.3", 5050);
        await masters.DeleteAsync(garbage, -1, Limit());

        Assert.Equal([new Uri("http://10.0.0.3:5050/")], await detector.DetectAsync(Limit()));
    }

    [Fact]
    public async Task A_detector_started_before_any_master_finds_the_first_one_to_register()
    {
        await using var masters = await ConnectAsync(Port);
        var path = UniquePath("mesos");
        await using var detector = Detector(path);
        var detection = detector.DetectAsync(Limit());

        await MasterRegistration.RegisterAsync(masters, path, "10.0.0.9", 5050);

        Assert.Equal([new Uri("http://10.0.0.9:5050/")], await detection);
    }

    [Fact]
    public async Task Detection_waits_while_no_master_is_registered()
    {
        await using var detector = Detector(UniquePath("empty"));
        using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => detector.DetectAsync(shortWait.Token));

        Assert.Null(detector.CurrentLeader);
    }
}
