using System.Collections.Immutable;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tests.Tasks;

public sealed class ReconciliationRoundTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static TaskRecord Task(string id, DateTimeOffset launchedAt) =>
        new(id, TaskKind.Warmer, "a1", "a1.host", ImmutableDictionary<string, string>.Empty, TaskState.TaskRunning, launchedAt);

    [Fact]
    public void The_wait_for_answers_doubles_from_one_second_up_to_thirty()
    {
        var round = ReconciliationRound.StartedAt(Start);
        var waits = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            waits.Add(round.Retry.TotalSeconds);
            round = round.Backoff();
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
        Assert.Equal(Start, round.Start);
    }

    [Fact]
    public void A_new_round_starts_again_from_the_first_wait()
    {
        var later = ReconciliationRound.StartedAt(Start).Backoff().Backoff();

        Assert.Equal(TimeSpan.FromSeconds(1), ReconciliationRound.StartedAt(Start.AddMinutes(1)).Retry);
        Assert.Equal(TimeSpan.FromSeconds(4), later.Retry);
    }

    [Fact]
    public void Asks_about_tasks_known_at_the_start_until_each_is_heard_of_since()
    {
        var table = TaskTable.Empty.WithLaunched([
            Task("heard-before", Start.AddMinutes(-3)),
            Task("heard-since", Start.AddMinutes(-2)),
            Task("never-heard", Start.AddMinutes(-1)),
            Task("launched-since", Start.AddSeconds(1)),
        ]);
        var heard = new Dictionary<string, DateTimeOffset>
        {
            ["heard-before"] = Start.AddSeconds(-1),
            ["heard-since"] = Start,
        };

        var unheard = ReconciliationRound.StartedAt(Start).Unheard(table, heard);

        Assert.Equal(["heard-before", "never-heard"], unheard.Select(t => t.TaskId));
    }

    [Fact]
    public void A_launch_younger_than_five_seconds_is_not_asked_about_yet()
    {
        var now = Start.AddSeconds(10);
        IReadOnlyList<TaskRecord> unheard = [Task("old", now.AddSeconds(-5)), Task("young", now.AddSeconds(-4.9))];

        Assert.Equal(["old"], ReconciliationRound.Askable(unheard, now).Select(t => t.TaskId));
    }
}
