namespace RelayMesos.Actors;

/// <summary>Typed handlers tried in registration order; shared by ReceiveActor and ReceivePersistentActor.</summary>
internal sealed class HandlerTable
{
    private readonly List<Handler> _handlers = [];

    public void Add<T>(Predicate<T>? shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(new SyncHandler<T>(shouldHandle, handler));
    }

    public void AddAsync<T>(Predicate<T>? shouldHandle, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(new AsyncHandler<T>(shouldHandle, handler));
    }

    /// <summary>Runs the first matching handler; <paramref name="pending"/> is the task of an async handler.</summary>
    public bool TryHandle(object message, out Task? pending)
    {
        foreach (var handler in _handlers)
        {
            if (handler.TryHandle(message, out pending))
            {
                return true;
            }
        }

        pending = null;
        return false;
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message, out Task? pending);
    }

    private sealed class SyncHandler<T>(Predicate<T>? shouldHandle, Action<T> handler) : Handler
    {
        public override bool TryHandle(object message, out Task? pending)
        {
            pending = null;
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class AsyncHandler<T>(Predicate<T>? shouldHandle, Func<T, Task> handler) : Handler
    {
        public override bool TryHandle(object message, out Task? pending)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                pending = handler(typed);
                return true;
            }

            pending = null;
            return false;
        }
    }
}
