namespace RelayMesos.Mesos.Tests.ZooKeeper;

/// <summary>One ZooKeeper server shared by the tests of a class; each test works under its own path.</summary>
public sealed class ZooKeeperServerFixture : IAsyncLifetime
{
    private ZooKeeperServerProcess? _server;

    public ZooKeeperServerProcess Server => _server ?? throw new InvalidOperationException("The ZooKeeper server is not started.");

    public async Task InitializeAsync() => _server = await ZooKeeperServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
