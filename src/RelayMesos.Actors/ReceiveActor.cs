namespace RelayMesos.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in the constructor (or inside
/// <see cref="Become"/>), tried in order. Async handlers keep the one-message-at-a-time guarantee:
/// the next message waits until the returned task completes.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerTable _initial = new();

    protected ReceiveActor()
    {
        BuildingTable = _initial;
    }

    protected void Receive<T>(Action<T> handler) => Table().Add(null, handler);

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Table().Add(shouldHandle, handler);

    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) => Table().AddAsync(shouldHandle, handler);

    protected void ReceiveAny(Action<object> handler) => Table().Add(null, handler);

    protected void ReceiveAnyAsync(Func<object, Task> handler) => Table().AddAsync(null, handler);

    /// <summary>Replaces the behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(BuildBehavior(configure));

    /// <summary>Pushes the handlers <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(BuildBehavior(configure));

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    protected sealed override bool Receive(object message) => Dispatch(_initial, message);

    internal override Task? AroundPreStart()
    {
        BuildingTable = null;
        return base.AroundPreStart();
    }

    internal override Task? AroundPostRestart(Exception reason)
    {
        BuildingTable = null;
        return base.AroundPostRestart(reason);
    }

    private HandlerTable Table() =>
        BuildingTable ?? throw new InvalidOperationException("Receive handlers can only be registered in the constructor or inside Become/BecomeStacked.");
}
