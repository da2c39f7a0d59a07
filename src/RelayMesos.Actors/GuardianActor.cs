namespace RelayMesos.Actors;

/// <summary>The parent of every top-level actor (<c>/user</c>); it only supervises.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override bool Receive(object message) => false;
}
