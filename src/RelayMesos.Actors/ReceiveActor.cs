namespace RelayMesos.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in the constructor (or inside
/// <see cref="Become"/>), tried in order. Async handlers keep the one-message-at-a-time guarantee:
/// the next message waits until the returned task completes.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerTable _initial = new();
    private HandlerTable? _building;

    protected ReceiveActor()
    {
        _building = _initial;
    }

    protected void Receive<T>(Action<T> handler) => Table().Add(null, handler);

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Table().Add(shouldHandle, handler);

    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) => Table().AddAsync(shouldHandle, handler);

    protected void ReceiveAny(Action<object> handler) => Table().Add(null, handler);

    protected void ReceiveAnyAsync(Func<object, Task> handler) => Table().AddAsync(null, handler);

    /// <summary>Replaces the behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the handlers <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    protected sealed override bool Receive(object message) => Dispatch(_initial, message);

    internal override Task? AroundPreStart()
    {
        _building = null;
        return base.AroundPreStart();
    }

    internal override Task? AroundPostRestart(Exception reason)
    {
        _building = null;
        return base.AroundPostRestart(reason);
    }

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var table = new HandlerTable();
        var previous = _building;
        _building = table;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }

        return message => Dispatch(table, message);
    }

    private bool Dispatch(HandlerTable table, object message)
    {
        if (!table.TryHandle(message, out var pending))
        {
            return false;
        }

        PendingAsync = pending;
        return true;
    }

    private HandlerTable Table() =>
        _building ?? throw new InvalidOperationException("Receive handlers can only be registered in the constructor or inside Become/BecomeStacked.");
}
