using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tests.Tasks;

/// <summary>How the PARTITION_AWARE states count (issue 13, item 7), as the Mesos fact sheet describes them.</summary>
public sealed class PartitionAwareStatesTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TaskState.TaskUnreachable)]
    [InlineData(TaskState.TaskUnknown)]
    public void A_running_warmer_out_of_reach_stays_known_counts_neither_running_nor_in_flight_and_counts_again_when_back(TaskState state)
    {
        var table = TaskTable.Empty.WithLaunched([Warmer("w1"), Warmer("w2")])
            .WithState("w1", TaskState.TaskRunning, Now, null)
            .WithState("w2", TaskState.TaskRunning, Now, null)
            .WithState("w2", state, Now, null);

        Assert.True(table.Contains("w2"));
        Assert.Equal(new TaskCounts(1, 0, 0, 0), table.Counts(Now, TimeSpan.Zero));
        Assert.Equal(1, table.RunningCount(TaskKind.Warmer));

        var back = table.WithState("w2", TaskState.TaskRunning, Now, null);
        Assert.Equal(new TaskCounts(2, 0, 0, 0), back.Counts(Now, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(TaskState.TaskDropped, true, false)]
    [InlineData(TaskState.TaskGone, true, true)]
    [InlineData(TaskState.TaskGoneByOperator, true, true)]
    [InlineData(TaskState.TaskUnreachable, false, false)]
    [InlineData(TaskState.TaskUnknown, false, false)]
    public void Terminal_and_failure_follow_the_fact_sheet(TaskState state, bool terminal, bool failure)
    {
        Assert.Equal(terminal, TaskStates.IsTerminal(state));
        Assert.Equal(failure, TaskStates.IsFailure(state));
    }

    [Fact]
    public void Dropped_launches_never_trip_max_failures()
    {
        var count = 0;
        for (var i = 0; i < 10; i++)
        {
            count = FailureBudget.Apply(count, Warmer($"w{i}"), TaskState.TaskDropped, Now, TimeSpan.FromMinutes(1));
        }

        Assert.False(FailureBudget.Exhausted(count, 3));
    }

    private static TaskRecord Warmer(string id) =>
        new(id, TaskKind.Warmer, "a1", "a1.host", new Dictionary<string, string>(), TaskState.TaskStaging, Now);
}
