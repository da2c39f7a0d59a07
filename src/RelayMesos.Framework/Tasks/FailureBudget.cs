using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tasks;

/// <summary>
/// Relay.Mesos' --max_failures: a running count of failures − successes that never goes below 0, so a
/// burst of failures trips it while failures scattered among healthy work do not.
/// </summary>
/// <remarks>
/// A start is not a success: on a real agent every command task reports RUNNING before it fails, so
/// counting starts would let a warmer that always fails net zero forever. A task that fails after it
/// has been running for <c>healthy-after</c> did real work first (a server that crashed after an
/// hour): that failure is neutral, neither charged nor credited.
/// </remarks>
public static class FailureBudget
{
    public static int Apply(int count, TaskRecord? previous, TaskState next, DateTimeOffset at, TimeSpan healthyAfter)
    {
        if (previous?.State == next)
        {
            return count;
        }

        var delta = next switch
        {
            TaskState.TaskFinished => -1,
            _ when TaskStates.IsFailure(next) => RanLongEnough(previous, at, healthyAfter) ? 0 : 1,
            _ => 0,
        };
        return Math.Max(0, count + delta);
    }

    public static bool Exhausted(int count, int maxFailures) => maxFailures > 0 && count >= maxFailures;

    private static bool RanLongEnough(TaskRecord? task, DateTimeOffset at, TimeSpan healthyAfter) =>
        task?.RunningSince is { } since && at - since >= healthyAfter;
}
