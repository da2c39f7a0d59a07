using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// The cluster singleton: Akka's <c>ClusterSingletonManager</c> starts it on the oldest member once that member holds
/// the SQL lease, and stops it on hand-over or the moment the lease is lost. It runs one <see cref="FrameworkSupervisor"/>
/// at a time; a framework that dies while this singleton lives is started again after a backoff, so a persistent fault
/// is retried calmly instead of in a tight crash loop. Operator actions and queries arrive here from any instance's
/// <c>ClusterSingletonProxy</c> and go on to the framework.
/// </summary>
public sealed class FrameworkSingleton : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan MinRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    private readonly FrameworkDependencies _deps;
    private readonly ILogger _logger;
    private IActorRef? _term;
    private long? _epoch;
    private long? _leaseEpoch;
    private int _terms;
    private TimeSpan _restartDelay = MinRestartDelay;

    public FrameworkSingleton(FrameworkDependencies deps)
    {
        _deps = deps;
        _logger = deps.Loggers.CreateLogger("RelayMesos.Leadership");

        Receive<RestartTerm>(_ => StartTerm());
        Receive<Terminated>(t =>
        {
            if (!ReferenceEquals(t.ActorRef, _term))
            {
                return;
            }

            _term = null;
            _logger.Log(
                DuringDatabaseIncident ? LogLevel.Information : LogLevel.Warning,
                "The framework stopped while this instance leads; starting it again in {Delay}.", _restartDelay);
            Timers.StartSingleTimer("restart", RestartTerm.Instance, _restartDelay);
            _restartDelay = TimeSpan.FromTicks(Math.Min(MaxRestartDelay.Ticks, _restartDelay.Ticks * 2));
            Publish();
        });
        Receive<TeardownFramework>(t =>
        {
            if (_term is null)
            {
                Sender.Tell(MesosGateway.Done.Instance, Self);
                return;
            }

            _term.Forward(t);
        });
        Receive<GetControllerState>(ForwardToTerm);
        Receive<EmbeddedClusterStopping>(ForwardToTerm);
        Receive<IOperatorMessage>(ForwardToTerm);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The database's incident warning already explains a lost lease or a stopped term; these lines are its consequences.</summary>
    private bool DuringDatabaseIncident => _deps.Database is { IsOpen: true };

    private bool RunEnded => _deps.RunEnded?.Invoke() == true;

    protected override void PreStart()
    {
        // The manager starts us only after the lease was acquired: its epoch names this term.
        _leaseEpoch = _deps.LeaseEpoch?.Invoke();
        _epoch = _leaseEpoch ?? 0;
        if (RunEnded)
        {
            // The cluster is ending the run (stop condition, max-failures): moving the singleton here must not resume it.
            _logger.LogInformation("Singleton of lease epoch {Epoch} started after the run ended; the framework is not started again.", _epoch);
            return;
        }

        _logger.LogInformation("Leading (lease epoch {Epoch}); starting the framework.", _epoch);
        StartTerm();
    }

    protected override void PostStop()
    {
        _logger.LogInformation("Singleton of lease epoch {Epoch} stopped; this instance no longer acts.", _epoch);
        _epoch = null;
        _term = null;
        Publish();
    }

    private void ForwardToTerm(object message)
    {
        if (_term is null)
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException("The framework is restarting; try again.")), Self);
            return;
        }

        _term.Forward(message);
    }

    private void StartTerm()
    {
        if (_term is not null || _epoch is null || RunEnded)
        {
            return;
        }

        if (_leaseEpoch is not null && _deps.LeaseEpoch?.Invoke() != _leaseEpoch)
        {
            // The lease was released (Akka hands the singleton over and stops this actor only once the next member
            // acknowledged) or lost (Mesos' "Framework failed over" can end a term before the failed renewal says so):
            // a term restarted now would subscribe and act beside the next holder's.
            _logger.LogInformation("Lease epoch {Epoch} is no longer held here; the framework is not started again.", _leaseEpoch);
            return;
        }

        _term = Context.ActorOf(Props.Create(() => new FrameworkSupervisor(_deps)), $"framework-{++_terms}");
        Context.Watch(_term);
        Publish();
    }

    private void Publish() => Context.System.EventStream.Publish(new LeadershipStatus(_epoch is not null, _epoch, _term is not null));

    private sealed record RestartTerm
    {
        public static RestartTerm Instance { get; } = new();
    }
}
