using Akka.Actor;

namespace RelayMesos.Framework.Tests.Failover.Leasing;

/// <summary>A stand-in singleton that tells the test when the manager starts and stops it.</summary>
internal sealed class LeaseSingleton : ReceiveActor
{
    private readonly IActorRef _probe;

    public LeaseSingleton(IActorRef probe)
    {
        _probe = probe;
        ReceiveAny(m => Sender.Tell(m, Self));
    }

    protected override void PreStart() => _probe.Tell("started", Self);

    protected override void PostStop() => _probe.Tell("stopped", Self);
}
