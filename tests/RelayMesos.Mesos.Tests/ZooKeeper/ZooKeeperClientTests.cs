using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RelayMesos.Mesos.ZooKeeper;
using RelayMesos.TestKit;
using static RelayMesos.Mesos.Tests.ZooKeeper.ZooKeeperTestClients;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

public sealed class ZooKeeperClientTests(ZooKeeperServerFixture fixture) : IClassFixture<ZooKeeperServerFixture>
{
    private int Port => fixture.Server.Port;

    [Fact]
    public async Task Create_read_list_and_delete_round_trip_through_a_real_server()
    {
        await using var client = await ConnectAsync(Port);
        var path = UniquePath("roundtrip");

        Assert.Equal(path, await client.CreateAsync(path, "hello"u8.ToArray(), ZooKeeperCreateMode.Persistent, Limit()));
        var first = await client.CreateAsync($"{path}/member_", [1], ZooKeeperCreateMode.EphemeralSequential, Limit());
        var second = await client.CreateAsync($"{path}/member_", [2], ZooKeeperCreateMode.EphemeralSequential, Limit());

        var node = await client.GetDataAsync(path, watch: false, Limit());
        Assert.Equal("hello", Encoding.UTF8.GetString(node.Data));
        Assert.Matches(@"/member_\d{10}$", first);
        Assert.Equal(
            new[] { first, second }.Select(p => p[(path.Length + 1)..]).Order(),
            (await client.GetChildrenAsync(path, watch: false, Limit())).Order());
        var stat = await client.ExistsAsync(path, watch: false, Limit());
        Assert.Equal(2, stat?.ChildCount);
        Assert.Equal(client.SessionId, (await client.ExistsAsync(first, watch: false, Limit()))?.EphemeralOwner);

        await client.DeleteAsync(first, -1, Limit());
        await client.DeleteAsync(second, -1, Limit());
        await client.DeleteAsync(path, -1, Limit());
        Assert.Null(await client.ExistsAsync(path, watch: false, Limit()));
    }

    [Fact]
    public async Task A_missing_node_is_a_typed_NoNode_error()
    {
        await using var client = await ConnectAsync(Port);

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync("/no/such/node", watch: false, Limit()));

        Assert.Equal(ZooKeeperErrorCode.NoNode, error.Code);
        Assert.Contains("NoNode", error.Message, StringComparison.Ordinal);
        Assert.Contains("/no/such/node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_watch_fires_when_another_session_adds_a_child()
    {
        await using var watcher = await ConnectAsync(Port);
        await using var writer = await ConnectAsync(Port);
        var path = UniquePath("watch");
        await writer.CreateAsync(path, [], ZooKeeperCreateMode.Persistent, Limit());
        Assert.Empty(await watcher.GetChildrenAsync(path, watch: true, Limit()));

        await writer.CreateAsync($"{path}/child", [], ZooKeeperCreateMode.Ephemeral, Limit());

        var fired = await NextEventAsync(watcher, e => e.Type != ZooKeeperEventType.None);
        Assert.Equal(new ZooKeeperWatchEvent(ZooKeeperEventType.NodeChildrenChanged, ZooKeeperSessionState.SyncConnected, path), fired);
    }

    [Fact]
    public async Task Closing_a_session_deletes_its_ephemeral_nodes_at_once()
    {
        await using var watcher = await ConnectAsync(Port);
        var owner = await ConnectAsync(Port);
        var path = UniquePath("ephemeral");
        await owner.CreateAsync(path, [], ZooKeeperCreateMode.Ephemeral, Limit());
        Assert.NotNull(await watcher.ExistsAsync(path, watch: true, Limit()));

        await owner.DisposeAsync();

        var fired = await NextEventAsync(watcher, e => e.Type != ZooKeeperEventType.None);
        Assert.Equal(ZooKeeperEventType.NodeDeleted, fired.Type);
        Assert.Equal(path, fired.Path);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => owner.ExistsAsync(path, watch: false, Limit()));
    }

    [Fact]
    public async Task Digest_credentials_are_accepted_by_the_server()
    {
        var options = Options(Port) with { Credentials = new ZooKeeperDigestCredentials("relay", "s3cret") };
        var logger = new RecordingLogger();
        await using var client = new ZooKeeperClient(options, logger);

        var path = await client.CreateAsync(UniquePath("auth"), [], ZooKeeperCreateMode.Ephemeral, Limit());

        Assert.NotNull(await client.ExistsAsync(path, watch: false, Limit()));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_ensemble_gives_a_typed_error_instead_of_a_hang()
    {
        using var nobody = new TcpListener(IPAddress.Loopback, 0);
        nobody.Start();
        var deadPort = ((IPEndPoint)nobody.LocalEndpoint).Port;
        nobody.Stop();
        await using var client = new ZooKeeperClient(
            Options(deadPort) with { RequestTimeout = TimeSpan.FromMilliseconds(500) }, new RecordingLogger());

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetChildrenAsync("/mesos", watch: false, Limit()));

        Assert.Equal(ZooKeeperErrorCode.RequestTimeout, error.Code);
    }

    [Fact]
    public async Task An_oversized_frame_from_the_server_is_refused()
    {
        using var fake = new TcpListener(IPAddress.Loopback, 0);
        fake.Start();
        var serve = Task.Run(async () =>
        {
            using var socket = await fake.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            var request = new byte[64];
            _ = await stream.ReadAsync(request);
            var hugeLength = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(hugeLength, int.MaxValue);
            await stream.WriteAsync(hugeLength);
            _ = await stream.ReadAsync(request); // held open until the client gives up
        });
        var logger = new RecordingLogger();
        await using (var client = new ZooKeeperClient(
                         Options(((IPEndPoint)fake.LocalEndpoint).Port) with { ConnectTimeout = TimeSpan.FromSeconds(5) }, logger))
        {
            var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.ConnectAsync(Limit()));
            Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, error.Code);
        }

        Assert.Contains(logger.Entries, e => e.Message.Contains("the limit is", StringComparison.Ordinal));
        await serve.WaitAsync(WaitLimit);
    }
}
