namespace RelayMesos.Actors;

/// <summary>
/// Timers owned by one actor, keyed so that restarting a timer replaces it. A cancelled (or replaced)
/// timer's message is never delivered, even if it was already queued, and all timers die with the
/// actor's stop or restart.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
