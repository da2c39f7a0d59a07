using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Runs one <see cref="FrameworkSupervisor"/> per leadership term: started when the lease is won, stopped
/// the moment it is lost. A term that dies while we still lead is started again after a backoff, so a
/// persistent fault is retried calmly instead of in a tight crash loop.
/// </summary>
public sealed class LeadershipSupervisor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan MinRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    private readonly FrameworkDependencies _deps;
    private readonly ILogger _logger;
    private IActorRef? _term;
    private long? _epoch;
    private int _terms;
    private TimeSpan _restartDelay = MinRestartDelay;

    public LeadershipSupervisor(FrameworkDependencies deps)
    {
        _deps = deps;
        _logger = deps.Loggers.CreateLogger("RelayMesos.Leadership");

        Receive<LeadershipGained>(gained =>
        {
            _epoch = gained.Epoch;
            _logger.LogInformation("Leading (lease epoch {Epoch}); starting the framework.", gained.Epoch);
            _restartDelay = MinRestartDelay;
            StartTerm();
        });
        Receive<LeadershipLost>(lost =>
        {
            _logger.Log(DuringDatabaseIncident ? LogLevel.Information : LogLevel.Warning, "Leadership lost: {Reason}. Standing by.", lost.Reason);
            _epoch = null;
            Timers.Cancel("restart");
            StopTerm();
            Publish();
        });
        Receive<RestartTerm>(_ => StartTerm());
        Receive<Terminated>(t =>
        {
            if (!ReferenceEquals(t.ActorRef, _term))
            {
                return;
            }

            _term = null;
            if (_epoch is not null)
            {
                _logger.Log(
                    DuringDatabaseIncident ? LogLevel.Information : LogLevel.Warning,
                    "The framework stopped while this instance leads; starting it again in {Delay}.", _restartDelay);
                Timers.StartSingleTimer("restart", RestartTerm.Instance, _restartDelay);
                _restartDelay = TimeSpan.FromTicks(Math.Min(MaxRestartDelay.Ticks, _restartDelay.Ticks * 2));
            }

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

    protected override void PreStart() => Publish();

    private void ForwardToTerm(object message)
    {
        if (_term is null)
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException("This instance is not leading.")), Self);
            return;
        }

        _term.Forward(message);
    }

    private void StartTerm()
    {
        if (_term is not null || _epoch is null)
        {
            return;
        }

        _term = Context.ActorOf(Props.Create(() => new FrameworkSupervisor(_deps)), $"framework-{++_terms}");
        Context.Watch(_term);
        Publish();
    }

    private void StopTerm()
    {
        if (_term is null)
        {
            return;
        }

        Context.Unwatch(_term);
        Context.Stop(_term);
        _term = null;
    }

    private void Publish() => Context.System.EventStream.Publish(new LeadershipStatus(_epoch is not null, _epoch, _term is not null));

    private sealed record RestartTerm
    {
        public static RestartTerm Instance { get; } = new();
    }
}
