using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Settings;
using RelayMesos.LocalCluster;

namespace RelayMesos.Host.Running;

/// <summary>
/// The Mesos master this instance talks to. With <c>relay.mesos.master = local</c> it is the embedded cluster, which this
/// hosted service starts first and stops last (its tasks are child processes of this one); otherwise the configured
/// address (URLs or <c>zk://</c>), as written.
/// </summary>
public sealed class MesosMaster(FrameworkSettings framework, IConfiguration config, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger("RelayMesos.Host");
    private LocalMesosCluster? _embedded;

    /// <summary>The master's address; for the embedded cluster known once it has started (it listens on a free port).</summary>
    public string Address { get; private set; } = framework.Master;

    public bool IsEmbedded => framework.Master == "local";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEmbedded)
        {
            return;
        }

        _embedded = new LocalMesosCluster(LocalClusterSettings.Bind(config), loggers);
        await _embedded.StartAsync(cancellationToken).ConfigureAwait(false);
        Address = _embedded.MasterUri.ToString().TrimEnd('/');
        _logger.LogInformation("Embedded Mesos cluster listening on {Master} (work dir {WorkDir}).", Address, _embedded.WorkDir);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _embedded, null) is { } embedded)
        {
            await embedded.DisposeAsync().ConfigureAwait(false);
        }
    }
}
