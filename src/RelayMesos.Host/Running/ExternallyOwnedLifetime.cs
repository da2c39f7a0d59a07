using Microsoft.Extensions.Hosting;

namespace RelayMesos.Host.Running;

/// <summary>
/// The Generic Host that carries the actor system does not listen for Ctrl+C or SIGTERM itself: the command line
/// owns the signals and stops the host in order (web server, framework, actor system), so one signal never races two handlers.
/// </summary>
internal sealed class ExternallyOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
