namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>One relay-mesos run without an operator token and with JSON logs, shared by the read-only web tests.</summary>
public sealed class ObservedRunFixture : IAsyncLifetime
{
    public RelayMesosRun Run { get; private set; } = null!;

    public async Task InitializeAsync() => Run = await RelayMesosRun.StartAsync(token: null, "relay.logging.format=json");

    public async Task DisposeAsync() => await Run.DisposeAsync();
}
