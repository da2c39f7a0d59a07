namespace RelayMesos.Actors.Tests;

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
}

/// <summary>Forwards every message to a probe, keeping the original sender.</summary>
internal sealed class ForwardingActor : ReceiveActor
{
    public ForwardingActor(IActorRef target) => ReceiveAny(message => target.Forward(message));
}

/// <summary>Reports its lifecycle hooks to a probe so tests can see them in order.</summary>
internal sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _report;
    private readonly string _name;

    public LifecycleActor(IActorRef report, string name)
    {
        _report = report;
        _name = name;
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
        ReceiveAny(message => _report.Tell($"{_name} got {message}", Self));
    }

    protected override void PreStart() => _report.Tell($"{_name} PreStart", Self);

    protected override void PostStop() => _report.Tell($"{_name} PostStop", Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        _report.Tell($"{_name} PreRestart {message}", Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _report.Tell($"{_name} PostRestart", Self);
        base.PostRestart(reason);
    }
}
