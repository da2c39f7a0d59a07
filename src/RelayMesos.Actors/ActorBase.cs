namespace RelayMesos.Actors;

/// <summary>
/// The base of every actor. Instances are made by the system from <see cref="Props"/> (never with <c>new</c>
/// from outside), live on exactly one thread at a time, and are replaced by a fresh instance on restart.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private List<Receive>? _behaviours;

    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new InvalidOperationException($"{GetType().Name} must be created by an ActorSystem from Props (ActorOf), not with new.");
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    protected IActorRef Sender => _cell.Sender;

    /// <summary>Set by a handler that returned a task; the mailbox waits for it before the next message.</summary>
    internal Task? PendingAsync { get; set; }

    /// <summary>The table handlers are registered into right now: the initial one in the constructor, a new one inside Become.</summary>
    private protected HandlerTable? BuildingTable { get; set; }

    /// <summary>Runs <paramref name="configure"/> with a fresh table as the registration target, and returns a behaviour over it.</summary>
    private protected Receive BuildBehavior(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var table = new HandlerTable();
        var previous = BuildingTable;
        BuildingTable = table;
        try
        {
            configure();
        }
        finally
        {
            BuildingTable = previous;
        }

        return message => Dispatch(table, message);
    }

    /// <summary>Handles <paramref name="message"/> with <paramref name="table"/>; an async handler's task is awaited before the next message.</summary>
    private protected bool Dispatch(HandlerTable table, object message)
    {
        if (!table.TryHandle(message, out var pending))
        {
            return false;
        }

        PendingAsync = pending;
        return true;
    }

    internal ActorCell Cell => _cell;

    /// <summary>The initial behaviour; false = unhandled.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Runs before the first message (and, by default, after a restart).</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs once after the actor has stopped processing messages and all its children have stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance. The default stops the children and calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren())
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the fresh instance. The default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>Publishes an <see cref="UnhandledMessage"/> on the event stream and logs it.</summary>
    protected virtual void Unhandled(object message) => _cell.ReportUnhandled(message);

    /// <summary>The strategy for this actor's children (unless its Props carry one).</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    internal SupervisorStrategy SupervisorStrategyInternal() => SupervisorStrategy();

    internal virtual Task? AroundPreStart()
    {
        PreStart();
        return null;
    }

    internal virtual Task? AroundPostRestart(Exception reason)
    {
        PostRestart(reason);
        return null;
    }

    internal void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void AroundPostStop() => PostStop();

    internal virtual Task? AroundReceive(object message)
    {
        var handled = _behaviours is { Count: > 0 } stack ? stack[^1](message) : Receive(message);
        if (!handled)
        {
            Unhandled(message);
        }

        var pending = PendingAsync;
        PendingAsync = null;
        return pending;
    }

    internal void Become(Receive receive, bool discardOld)
    {
        _behaviours ??= [];
        if (discardOld && _behaviours.Count > 0)
        {
            _behaviours[^1] = receive;
        }
        else
        {
            _behaviours.Add(receive);
        }
    }

    internal void Unbecome()
    {
        if (_behaviours is { Count: > 0 })
        {
            _behaviours.RemoveAt(_behaviours.Count - 1);
        }
    }
}
