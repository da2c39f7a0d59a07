namespace RelayMesos.Actors;

/// <summary>Marks an actor that uses timers; the system sets <see cref="Timers"/> before PreStart.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
