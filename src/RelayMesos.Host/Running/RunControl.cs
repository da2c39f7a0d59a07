using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Membership;
using RelayMesos.Framework;
using RelayMesos.Framework.Actors;
using RelayMesos.Host.Cli;

namespace RelayMesos.Host.Running;

/// <summary>
/// How the run ends, as this process sees it: the framework's own stop (stop condition, max-failures, Mesos refusing
/// the framework), another member's, or this member removed from the cluster. <see cref="Stopped"/> completes with the
/// exit code and reason; the command line then stops the host.
/// </summary>
public sealed class RunControl(IServiceProvider services, RelayDatabase database, ILoggerFactory loggers) : IRunLifecycle
{
    /// <summary>How long the singleton's host waits for each member to confirm a stop before it leaves anyway.</summary>
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A thawed member learns it was downed once its resolver's stable-after (5 s) has passed: a stall this recent is why.</summary>
    private static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger("RelayMesos.Host");
    private readonly TaskCompletionSource<StopRequested> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StopRequested? _ended;
    private volatile bool _stopping;
    private SeedJoin? _seedJoin;

    /// <summary>Completes when the run ends for a reason other than a signal to this process.</summary>
    public Task<StopRequested> Stopped => _stopped.Task;

    public bool HasEnded => Volatile.Read(ref _ended) is not null;

    /// <summary>
    /// The singleton's term asks the run to end. The run is the cluster's, not this process's: every other member is
    /// told first and confirms, so none of them starts the framework when the singleton moves on as this member leaves;
    /// then this process ends too. A term that no longer holds the lease speaks for nobody: its stop is ignored and the
    /// new singleton carries on (it will stop by itself if the condition still holds, e.g. the failure count is journaled).
    /// </summary>
    public void RequestStop(StopRequested stop)
    {
        if (!database.LeadsNow)
        {
            _logger.LogWarning("A deposed term asked the run to stop ({Reason}); ignored, the lease holder decides.", stop.Reason);
            return;
        }

        if (Interlocked.CompareExchange(ref _ended, stop, null) is not null)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await TellOtherMembersAsync(stop).ConfigureAwait(false);
            _stopped.TrySetResult(stop);
        });
    }

    /// <summary>Another member's singleton ended the run: this instance ends with the same exit code and reason.</summary>
    public void EndedElsewhere(StopRequested stop)
    {
        Interlocked.CompareExchange(ref _ended, stop, null);
        _stopped.TrySetResult(stop);
    }

    /// <summary>From here on the actor system ends because we asked it to.</summary>
    public void ShuttingDown() => _stopping = true;

    /// <summary>
    /// The actor system ended without our asking: the split-brain resolver downed this instance (or it left the cluster).
    /// A downed member cannot rejoin with the same actor system, so the process ends and its supervisor restarts it.
    /// </summary>
    public void SystemTerminated(ActorSystem system)
    {
        if (!_stopping)
        {
            // Akka also ends the actor system when it gives up joining the seeds: that is no downing, and says which seed failed how.
            _stopped.TrySetResult(_seedJoin?.Failure(system) ?? Removed());
        }
    }

    /// <summary>
    /// The level of the line that says how the run ended: a warning, unless it is the consequence of a stall already
    /// reported as one (a frozen leader's lost lease says so when it wakes, and its downing follows seconds later).
    /// </summary>
    public LogLevel StopLineLevel { get; private set; } = LogLevel.Warning;

    /// <summary>This member joins through seed nodes; a failed join ends the run with the seeds' story.</summary>
    public void JoiningThrough(SeedJoin join) => _seedJoin = join;

    /// <summary>Downed: after a stall of this process (frozen, paused) when there was one; the others had downed it meanwhile.</summary>
    private StopRequested Removed()
    {
        var watch = ProcessStallWatch.Shared;
        if (watch.Recent(StallWindow) is not { } stall)
        {
            return new StopRequested(ExitCodes.RemovedFromCluster, "this instance was removed from the Akka cluster (downed by the split-brain resolver); restart it to rejoin");
        }

        if (!watch.TryReport(stall) && !_stopped.Task.IsCompleted)
        {
            StopLineLevel = LogLevel.Information;
        }

        return new StopRequested(
            ExitCodes.RemovedFromCluster, $"this instance was removed from the Akka cluster (downed by the split-brain resolver after {stall}); restart it to rejoin");
    }

    private async Task TellOtherMembersAsync(StopRequested stop)
    {
        var system = services.GetRequiredService<ActorSystem>();
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var others = state.Members
            .Where(m => !m.Address.Equals(cluster.SelfAddress)
                        && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining or MemberStatus.Leaving
                        && !state.Unreachable.Contains(m))
            .Select(m => m.Address)
            .ToList();
        if (others.Count == 0)
        {
            return;
        }

        _logger.LogInformation("The run ends; telling the other members: {Members}.", string.Join(", ", others.Select(a => a.HostPort())));
        var unconfirmed = await Task.WhenAll(others.Select(async address =>
        {
            try
            {
                await system.ActorSelection(new RootActorPath(address) / "user" / RunStopListener.Name)
                    .Ask<StopRequested>(stop, ConfirmTimeout).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
            {
                return address.HostPort();
            }
        })).ConfigureAwait(false);
        var missing = unconfirmed.OfType<string>().ToList();
        if (missing.Count > 0)
        {
            _logger.LogWarning(
                "{Members} did not confirm the stop within {Timeout}; such a member may take the singleton over and resume the run.",
                string.Join(", ", missing), ConfirmTimeout);
        }
    }
}
