using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover;
using RelayMesos.Failover.Membership;
using RelayMesos.Hocon;

namespace RelayMesos.Host.Running;

/// <summary>
/// Joins the Akka cluster once the actor system runs: after the journal is warm, so that its first use (seconds on a busy
/// machine) does not fall inside the first singleton's recovery, i.e. inside every takeover's figure. The join itself is
/// not awaited: an instance whose seeds are not up yet keeps trying in the background (Akka retries every
/// seed-node-timeout) while its web UI already answers.
/// </summary>
/// <remarks>
/// The actor system is resolved at start, not injected: Akka.Hosting creates it on first resolution, and hosted services
/// are all constructed before the first one starts (the database and the embedded cluster come first).
/// </remarks>
public sealed class ClusterJoin(IServiceProvider services, HoconConfig hocon, RunControl run, RelayDatabase database, ILoggerFactory loggers) : IHostedService
{
    private static readonly TimeSpan WarmUpPatience = TimeSpan.FromSeconds(60);

    private readonly ILogger _logger = loggers.CreateLogger("RelayMesos.Host");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var system = services.GetRequiredService<ActorSystem>();
        _ = system.WhenTerminated.ContinueWith(_ => run.SystemTerminated(system), TaskScheduler.Default);
        await WarmUpJournalAsync(system, cancellationToken).ConfigureAwait(false);

        var cluster = Cluster.Get(system);
        var seeds = ClusterSeeds.Read(hocon);
        var instance = cluster.SelfAddress.HostPort();
        cluster.RegisterOnMemberUp(() => _logger.LogInformation(
            "Joined the Akka cluster as {Instance} ({Seeds}); competing for leadership.",
            instance, seeds.Count == 0 ? "no seed nodes: a cluster of its own" : "seed nodes " + string.Join(", ", seeds)));
        if (seeds.Count == 0)
        {
            // No seeds: a cluster of this instance alone, with no set-up.
            cluster.Join(cluster.SelfAddress);
        }
        else
        {
            run.JoiningThrough(SeedJoin.Start(system, seeds));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // From here on the actor system ends because the host stops it (CoordinatedShutdown: leave, hand over, stop).
        run.ShuttingDown();
        return Task.CompletedTask;
    }

    /// <remarks>
    /// The first use creates Akka's tables on an empty database; instances starting together take turns at it under the
    /// database's set-up lock (<see cref="RelayDatabase.HoldSetUpLockWhileTablesMissingAsync"/>), which is not waited
    /// for longer than the warm-up itself.
    /// </remarks>
    private async Task WarmUpJournalAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(WarmUpPatience);
        IAsyncDisposable? setUpLock = null;
        try
        {
            setUpLock = await database.HoldSetUpLockWhileTablesMissingAsync(patience.Token).ConfigureAwait(false);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new JournalWarmUp(done)), "journal-warm-up");
            await done.Task.WaitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OperationCanceledException or SqlPersistenceException)
        {
            // Not fatal: the framework's own recovery retries through the term's backoff.
            _logger.LogWarning(
                "The journal did not answer within {Patience} at start ({Reason}); joining the cluster anyway.",
                WarmUpPatience, e is SqlPersistenceException ? e.Message : "timed out");
        }
        finally
        {
            if (setUpLock is not null)
            {
                await setUpLock.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
