namespace RelayMesos.Control.Sources;

/// <summary>A thread-safe <see cref="ITaskCountSource"/> the framework sets as its task table changes.</summary>
public sealed class TaskCounter : ITaskCountSource
{
    private int running;

    public int RunningWarmers => Volatile.Read(ref running);

    public void Set(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref running, count);
    }
}
