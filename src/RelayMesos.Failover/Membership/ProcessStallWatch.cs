using System.Diagnostics;

namespace RelayMesos.Failover.Membership;

/// <summary>
/// Notices when this whole process stood still: stopped (SIGSTOP), its machine paused, or starved of CPU. A thread of its
/// own wakes every 100 ms on the monotonic clock (which runs on while the process is stopped); waking 2 s late means
/// nothing in the process ran. A stall explains what the process logs as it wakes (peers it no longer heard from, a
/// lease that ran out, its own downing), so those lines say so, and only the first line that reports a stall's
/// consequence is a warning.
/// </summary>
/// <remarks>
/// One per process (<see cref="Shared"/>): a stall is the process's, and Akka's logger, which reports some of its
/// consequences, is created by Akka without our services. The host starts it before the actor system, so a stall is
/// seen from the start.
/// </remarks>
public sealed class ProcessStallWatch
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);
    private static readonly Lazy<ProcessStallWatch> Instance = new(() => new ProcessStallWatch(TimeSpan.FromSeconds(2)));

    private readonly StallRecord _record;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();

    private ProcessStallWatch(TimeSpan threshold)
    {
        _record = new StallRecord(threshold);
        _record.Tick(TimeSpan.Zero);
        new Thread(Run) { IsBackground = true, Name = "process-stall-watch" }.Start();
    }

    public static ProcessStallWatch Shared => Instance.Value;

    /// <summary>Starts <see cref="Shared"/> now rather than at its first use.</summary>
    public static void Start() => _ = Instance.Value;

    /// <summary>The stall going on now or ended within <paramref name="window"/>; null when there is none.</summary>
    public ProcessStall? Recent(TimeSpan window)
    {
        lock (_gate)
        {
            return _record.Recent(Now, window);
        }
    }

    /// <summary>True the first time <paramref name="stall"/> is reported: the caller's line is the warning for it.</summary>
    public bool TryReport(ProcessStall stall)
    {
        lock (_gate)
        {
            return _record.TryReport(stall);
        }
    }

    private TimeSpan Now => Stopwatch.GetElapsedTime(_started);

    private void Run()
    {
        while (true)
        {
            Thread.Sleep(TickInterval);
            lock (_gate)
            {
                _record.Tick(Now);
            }
        }
    }
}
