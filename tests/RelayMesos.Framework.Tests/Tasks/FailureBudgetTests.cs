using System.Collections.Immutable;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tests.Tasks;

public sealed class FailureBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(30);

    private static TaskRecord Task(TaskState state, DateTimeOffset? runningSince = null) =>
        new("t", TaskKind.Warmer, "a", "h", ImmutableDictionary<string, string>.Empty, state, T0, runningSince);

    /// <summary>The life a command task has on a real agent: STAGING, STARTING, RUNNING, then its end.</summary>
    private static int Life(int count, TaskState end, TimeSpan ranFor)
    {
        var running = T0.AddSeconds(1);
        count = FailureBudget.Apply(count, Task(TaskState.TaskStaging), TaskState.TaskStarting, T0, HealthyAfter);
        count = FailureBudget.Apply(count, Task(TaskState.TaskStarting), TaskState.TaskRunning, running, HealthyAfter);
        return FailureBudget.Apply(count, Task(TaskState.TaskRunning, running), end, running + ranFor, HealthyAfter);
    }

    [Fact]
    public void A_warmer_that_starts_and_then_fails_every_time_exhausts_the_budget()
    {
        var count = 0;
        for (var i = 0; i < 3; i++)
        {
            count = Life(count, TaskState.TaskFailed, TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, count);
        Assert.True(FailureBudget.Exhausted(count, maxFailures: 3));
    }

    [Fact]
    public void A_failure_after_real_work_is_neither_charged_nor_credited()
    {
        var count = Life(2, TaskState.TaskFailed, HealthyAfter);

        Assert.Equal(2, count);
    }

    [Fact]
    public void A_finished_task_pays_back_one_failure_and_the_count_never_goes_below_zero()
    {
        Assert.Equal(1, Life(2, TaskState.TaskFinished, TimeSpan.FromSeconds(1)));
        Assert.Equal(0, Life(0, TaskState.TaskFinished, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_task_that_fails_before_it_ever_runs_is_charged()
    {
        Assert.Equal(1, FailureBudget.Apply(0, Task(TaskState.TaskStaging), TaskState.TaskFailed, T0, HealthyAfter));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void No_limit_is_never_exhausted(int maxFailures) => Assert.False(FailureBudget.Exhausted(1000, maxFailures));
}
