namespace RelayMesos.Actors;

/// <summary>
/// Only touched on the owning actor's turn; the thread-pool timer callbacks merely send a
/// <see cref="TimerFired"/> that is checked against the current generation when it is processed.
/// </summary>
internal sealed class TimerScheduler(IActorRef self) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private long _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Timer.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>The message to deliver for a fired timer, or null when the timer was cancelled or replaced meanwhile.</summary>
    public object? Accept(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var entry) || entry.Generation != fired.Generation)
        {
            return null;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(fired.Key);
            entry.Timer.Dispose();
        }

        return entry.Message;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Cancel(key);
        var fired = new TimerFired(key, ++_generation);
        var timer = new Timer(static state => { var (target, tick) = ((IActorRef, TimerFired))state!; target.Tell(tick, ActorRefs.NoSender); }, (self, fired), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timers[key] = new Entry(fired.Generation, message, period != Timeout.InfiniteTimeSpan, timer);
        timer.Change(delay, period);
    }

    private sealed record Entry(long Generation, object Message, bool Periodic, Timer Timer);
}

internal sealed record TimerFired(object Key, long Generation);
