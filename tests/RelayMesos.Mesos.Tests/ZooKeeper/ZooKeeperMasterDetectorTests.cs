using Microsoft.Extensions.Logging;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.Scheduler;
using RelayMesos.Mesos.Tests.Scheduler;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using RelayMesos.Mesos.ZooKeeper;
using RelayMesos.TestKit;
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
    public async Task A_scheduler_waiting_out_its_backoff_subscribes_as_soon_as_zookeeper_names_a_new_leader()
    {
        await using var masters = await ConnectAsync(Port);
        var path = UniquePath("mesos");
        // The leader ZooKeeper names is gone (its port refuses), as a SIGKILLed master is until its session expires.
        var dead = await MasterRegistration.RegisterAsync(masters, path, "127.0.0.1", ClosedPort());
        await using var live = await FakeMesosMaster.StartAsync();
        live.OnSubscribe = async (context, _) =>
        {
            await FakeMesosMaster.WriteEventsAsync(context, "s", FakeMesosMaster.Subscribed("fw-1"));
            await FakeMesosMaster.HoldOpenAsync(context);
        };
        await MasterRegistration.RegisterAsync(masters, path, "127.0.0.1", live.Port);
        await using var detector = Detector(path);
        var logger = new CapturingLogger<MesosSchedulerClient>();
        // A backoff far longer than the test may take: only the leader change can end the wait in time.
        var settings = new MesosSchedulerSettings { BackoffMin = TimeSpan.FromMinutes(4), BackoffMax = TimeSpan.FromMinutes(4) };
        await using var client = new MesosSchedulerClient(settings, detector, logger);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var events = client.SubscribeAsync(new FrameworkInfo { User = "nobody", Name = "relay-test" }, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync().AsTask();
        while (!logger.Lines.Any(l => l.Contains("Resubscribing", StringComparison.Ordinal)))
        {
            Assert.False(next.IsCompleted, "the client subscribed to a master that refuses connections");
            await Task.Delay(50, cts.Token);
        }

        await masters.DeleteAsync(dead, -1, Limit());

        Assert.True(await next);
        Assert.Equal(Event.Types.Type.Subscribed, events.Current.Type);
        Assert.Equal(live.BaseUri, client.CurrentMaster);
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

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
