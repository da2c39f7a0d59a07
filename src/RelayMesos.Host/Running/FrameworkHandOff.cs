using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Running;

/// <summary>
/// What the framework must do before the actor system stops (it stops before the actor system: hosted services stop in
/// reverse order). First, the term decides and launches nothing more. Then, by default the framework stays registered in Mesos so that a restart resumes it; on the embedded
/// cluster its tasks die with this process, and the journal says so instead of the next start finding them lost. With
/// <c>--teardown</c> the framework is torn down in Mesos and its tasks are killed.
/// </summary>
public sealed class FrameworkHandOff(IServiceProvider services, MesosMaster master, bool teardown, ILoggerFactory loggers) : IHostedService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger = loggers.CreateLogger("RelayMesos.Host");

    private bool _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started || services.GetRequiredService<ActorSystem>().WhenTerminated.IsCompleted)
        {
            // The host did not get this far (resolving the actor system would create one), or the actor system has
            // ended already (downed, or its join failed): nobody is left to ask.
            return;
        }

        await StopDecidingAsync().ConfigureAwait(false);
        if (teardown)
        {
            await AskAsync(new TeardownFramework(), "Teardown did not complete").ConfigureAwait(false);
        }
        else if (master.IsEmbedded)
        {
            await AskAsync(EmbeddedClusterStopping.Instance, "Could not record the embedded cluster's tasks as ended").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Nothing decides or launches from the signal on: the singleton hands over only as this member leaves the cluster,
    /// a second or more later, and a term acting meanwhile launched tasks nobody would then watch start.
    /// </summary>
    private async Task StopDecidingAsync()
    {
        try
        {
            await services.GetRequiredService<IRequiredActor<FrameworkSingleton>>().ActorRef.Ask<object>(StopDeciding.Instance, Patience).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or InvalidOperationException)
        {
            // No term runs here (the singleton lives on another member, or its term is restarting): nothing to stop.
            _logger.LogDebug("No framework term to stop deciding: {Reason}", ex.Message);
        }
    }

    private async Task AskAsync(object message, string failure)
    {
        try
        {
            await services.GetRequiredService<IRequiredActor<FrameworkSingleton>>().ActorRef.Ask<object>(message, Patience).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or InvalidOperationException)
        {
            _logger.LogWarning("{Failure}: {Reason}", failure, ex.Message);
        }
    }
}
