using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Pattern;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// The cluster singleton: Akka's <c>ClusterSingletonManager</c> starts it on the oldest member once that member holds
/// the SQL lease, and stops it on hand-over or the moment the lease is lost. It runs the framework's terms under
/// Akka's <see cref="BackoffSupervisor"/>: a term that dies while this singleton lives is started again after a
/// backoff (1 s doubling to 30 s, reset once a term has lived 30 s), so a persistent fault is retried calmly instead
/// of in a tight crash loop. Operator actions and queries arrive here from any instance's <c>ClusterSingletonProxy</c>
/// and go on to the running term; while none runs, they are answered that the framework is restarting.
/// </summary>
public sealed class FrameworkSingleton : ReceiveActor
{
    public static readonly TimeSpan MinRestartDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    private readonly ILeaseHolder _lease;
    private readonly IRunLifecycle _run;
    private readonly ILogger _logger;
    private IActorRef _terms = ActorRefs.Nobody;
    private long _epoch;

    public FrameworkSingleton(ILeaseHolder lease, IRunLifecycle run, ILoggerFactory loggers)
    {
        _lease = lease;
        _run = run;
        _logger = loggers.CreateLogger("RelayMesos.Leadership");

        Receive<TeardownFramework>(t =>
        {
            if (_terms.IsNobody())
            {
                Sender.Tell(MesosGateway.Done.Instance, Self);
                return;
            }

            _terms.Forward(t);
        });
        Receive<StopDeciding>(s =>
        {
            if (_terms.IsNobody())
            {
                Sender.Tell(MesosGateway.Done.Instance, Self);
                return;
            }

            _terms.Forward(s);
        });
        Receive<GetControllerState>(ForwardToTerm);
        Receive<EmbeddedClusterStopping>(ForwardToTerm);
        Receive<IOperatorMessage>(ForwardToTerm);
    }

    protected override void PreStart()
    {
        // The manager starts us only after the lease was acquired: its epoch names this term.
        var leaseEpoch = _lease.HeldEpoch;
        _epoch = leaseEpoch ?? 0;
        Publish(leading: true);
        if (_run.HasEnded)
        {
            // The cluster is ending the run (stop condition, max-failures): moving the singleton here must not resume it.
            _logger.LogInformation("Singleton of lease epoch {Epoch} started after the run ended; the framework is not started again.", _epoch);
            return;
        }

        _logger.LogInformation("Leading (lease epoch {Epoch}); starting the framework.", _epoch);
        var term = DependencyResolver.For(Context.System).Props<FrameworkSupervisor>(new FrameworkTerm(leaseEpoch));
        var backoff = Backoff.OnStop(term, "framework-term", MinRestartDelay, MaxRestartDelay, randomFactor: 0.2, maxNrOfRetries: -1)
            .WithAutoReset(MaxRestartDelay)
            .WithReplyWhileStopped(new Status.Failure(new InvalidOperationException("The framework is restarting; try again.")));
        _terms = Context.ActorOf(BackoffSupervisor.Props(backoff), "framework");
    }

    protected override void PostStop()
    {
        _logger.LogInformation("Singleton of lease epoch {Epoch} stopped; this instance no longer acts.", _epoch);
        Publish(leading: false);
    }

    private void ForwardToTerm(object message)
    {
        if (_terms.IsNobody())
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException("The run has ended; the framework is not running.")), Self);
            return;
        }

        _terms.Forward(message);
    }

    private void Publish(bool leading) => Context.System.EventStream.Publish(new LeadershipStatus(leading, leading ? _epoch : null));
}
