using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tests.Tasks;

public sealed class ScaleInChoicePropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Case(TaskTable Table, int Count, int Asked, int Counted)
    {
        public override string ToString() =>
            $"count {Count}, asked {Asked}, counted {Counted}, tasks [{string.Join(", ", Table.NonTerminal().Select(t => $"{t.TaskId} {t.Kind} +{(t.LaunchedAt - T0).TotalSeconds}s{(t.Killing ? " killing" : "")}"))}]";
    }

    private static TaskRecord Task(int index, TaskKind kind, bool killing, int second) =>
        new($"t{index:D2}", kind, "a1", "a1.host", ImmutableDictionary<string, string>.Empty, TaskState.TaskRunning, T0.AddSeconds(second), Killing: killing);

    /// <summary>Tables of warmers and coolers, some already being killed, launched within ten seconds (so ties happen).</summary>
    private static Arbitrary<Case> Cases()
    {
        var task = Gen.Elements(TaskKind.Warmer, TaskKind.Cooler).SelectMany(kind =>
            Gen.Elements(false, false, true).SelectMany(killing =>
                Gen.Choose(0, 9).Select(second => (Kind: kind, Killing: killing, Second: second))));
        var table = task.ListOf().Select(tasks => TaskTable.Empty.WithLaunched(tasks.Select((t, i) => Task(i, t.Kind, t.Killing, t.Second))));
        return table.SelectMany(t => Gen.Choose(-2, 12).SelectMany(count => Gen.Choose(0, 8).SelectMany(asked =>
            Gen.Choose(0, 8).Select(counted => new Case(t, count, asked, counted))))).ToArbitrary();
    }

    private static IReadOnlyList<TaskRecord> Killable(TaskTable table) =>
        table.Tasks.Values.Where(t => t.Kind == TaskKind.Warmer && !t.Killing).ToList();

    [Fact]
    public void Kills_the_surplus_the_controller_could_see_less_the_kills_already_on_their_way_as_far_as_there_are_warmers()
    {
        Check.One(Config, Prop.ForAll(Cases(), c =>
        {
            var choice = ScaleInChoice.Of(c.Table, c.Count, c.Asked, c.Counted);

            var onTheirWay = Math.Max(0, c.Asked - c.Counted);
            Assert.Equal(onTheirWay, choice.OnTheirWay);
            Assert.Equal(Math.Min(Math.Max(0, c.Count - onTheirWay), Killable(c.Table).Count), choice.Victims.Count);
        }));
    }

    [Fact]
    public void Only_warmers_not_yet_being_killed_are_chosen_each_once()
    {
        Check.One(Config, Prop.ForAll(Cases(), c =>
        {
            var victims = ScaleInChoice.Of(c.Table, c.Count, c.Asked, c.Counted).Victims;

            Assert.All(victims, v => Assert.Contains(v, Killable(c.Table)));
            Assert.Equal(victims.Count, victims.Select(v => v.TaskId).Distinct().Count());
        }));
    }

    [Fact]
    public void No_warmer_spared_is_newer_than_one_killed()
    {
        // Long-lived workers keep their warm caches; a tie on launch time is broken by the task id, so the choice is stable.
        Check.One(Config, Prop.ForAll(Cases(), c =>
        {
            var victims = ScaleInChoice.Of(c.Table, c.Count, c.Asked, c.Counted).Victims;
            var spared = Killable(c.Table).Where(t => !victims.Contains(t));

            foreach (var kept in spared)
            {
                Assert.All(victims, v => Assert.True(Newer(v, kept), $"{kept.TaskId} spared, {v.TaskId} killed: {c}"));
            }
        }));
    }

    private static bool Newer(TaskRecord a, TaskRecord b) =>
        a.LaunchedAt > b.LaunchedAt || (a.LaunchedAt == b.LaunchedAt && string.CompareOrdinal(a.TaskId, b.TaskId) > 0);

    [Fact]
    public void A_kill_the_controller_already_counted_does_not_shrink_the_next_surplus()
    {
        var table = TaskTable.Empty.WithLaunched([Task(1, TaskKind.Warmer, false, 1), Task(2, TaskKind.Warmer, false, 2), Task(3, TaskKind.Warmer, false, 3)]);

        Assert.Equal(["t03"], ScaleInChoice.Of(table, 1, killsAsked: 0, killsCounted: 0).Victims.Select(v => v.TaskId));
        Assert.Empty(ScaleInChoice.Of(table, 1, killsAsked: 1, killsCounted: 0).Victims);
        Assert.Equal(["t03"], ScaleInChoice.Of(table, 1, killsAsked: 1, killsCounted: 1).Victims.Select(v => v.TaskId));
        Assert.Equal(["t03", "t02"], ScaleInChoice.Of(table, 3, killsAsked: 2, killsCounted: 1).Victims.Select(v => v.TaskId));
    }
}
