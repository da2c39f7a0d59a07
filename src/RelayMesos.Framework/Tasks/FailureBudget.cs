using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tasks;

/// <summary>
/// Relay.Mesos' --max_failures: a running count of failures − successes − starts that never goes below 0,
/// so a burst of failures trips it while failures scattered among healthy work do not.
/// </summary>
public static class FailureBudget
{
    public static int Apply(int count, TaskState? previous, TaskState next)
    {
        if (previous == next)
        {
            return count;
        }

        var delta = next switch
        {
            _ when TaskStates.IsFailure(next) => 1,
            TaskState.TaskFinished => -1,
            TaskState.TaskRunning => -1,
            _ => 0,
        };
        return Math.Max(0, count + delta);
    }

    public static bool Exhausted(int count, int maxFailures) => maxFailures >= 0 && count >= maxFailures && maxFailures > 0;
}
