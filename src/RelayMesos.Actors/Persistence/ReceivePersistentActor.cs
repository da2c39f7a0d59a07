namespace RelayMesos.Actors.Persistence;

/// <summary>
/// A persistent actor with typed handlers registered in the constructor, as in Akka.NET:
/// <c>Recover&lt;T&gt;</c> for replayed events and snapshots, <c>Command&lt;T&gt;</c> for messages.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly HandlerTable _recover = new();
    private readonly HandlerTable _commands = new();
        private bool _constructing = true;

    protected ReceivePersistentActor()
    {
        BuildingTable = _commands;
    }

    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        RequireConstructing();
        _recover.Add(shouldHandle, handler);
    }

    protected void RecoverAny(Action<object> handler)
    {
        RequireConstructing();
        _recover.Add(null, handler);
    }

    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => Table().Add(shouldHandle, handler);

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) => Table().Add(shouldHandle, handler);

    /// <summary>An async command handler; the next message waits for the task (and for any events it persisted).</summary>
    protected void CommandAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) => Table().AddAsync(shouldHandle, handler);

    protected void CommandAny(Action<object> handler) => Table().Add(null, handler);

    /// <summary>Replaces the command handlers with those <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(BuildBehavior(configure));

    protected void BecomeStacked(Action configure) => Context.BecomeStacked(BuildBehavior(configure));

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    protected sealed override bool ReceiveRecover(object message) => _recover.TryHandle(message, out _);

    protected sealed override bool ReceiveCommand(object message) => Dispatch(_commands, message);

    internal override Task? AroundPreStart()
    {
        EndConstruction();
        return base.AroundPreStart();
    }

    internal override Task? AroundPostRestart(Exception reason)
    {
        EndConstruction();
        return base.AroundPostRestart(reason);
    }

    private void EndConstruction()
    {
        BuildingTable = null;
        _constructing = false;
    }

    private void RequireConstructing()
    {
        if (!_constructing)
        {
            throw new InvalidOperationException("Recover handlers can only be registered in the constructor.");
        }
    }

    private HandlerTable Table() =>
        BuildingTable ?? throw new InvalidOperationException("Command handlers can only be registered in the constructor or inside Become/BecomeStacked.");
}
