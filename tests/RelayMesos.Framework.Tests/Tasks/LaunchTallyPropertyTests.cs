using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Framework.Tests.Tasks;

/// <summary>
/// The race behind issue 13's one-too-many launches, as a model: the controller counts the task table, the offer
/// handler plans launches, and the reconciler records them in the table some time later. Whatever the order of
/// those three, a pool of long-running warmers never grows past its target.
/// </summary>
public sealed class LaunchTallyPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    private enum Move
    {
        Step,
        Offer,
        Record,
    }

    [Fact]
    public void Launches_planned_but_not_yet_recorded_are_never_demanded_again()
    {
        var moves = Gen.Elements(Move.Step, Move.Offer, Move.Record).ListOf().Select(m => m.ToArray());
        var runs = Gen.Choose(1, 12).SelectMany(target => Gen.Choose(1, 6).SelectMany(room => moves.Select(m => (Target: target, Room: room, Moves: m))));
        Check.One(Config, Prop.ForAll(runs.ToArbitrary(), run =>
        {
            var launched = Simulate(run.Target, run.Room, run.Moves);
            Assert.True(launched <= run.Target, $"{launched} launched for a target of {run.Target}: {string.Join(" ", run.Moves)}");
        }));
    }

    [Fact]
    public void Recorded_launches_leave_the_demand_to_the_controller()
    {
        // Once every planned launch is in the table the controller counted, its demand stands as it is.
        var counted = new LaunchTally(4, 2);
        Assert.Equal(0, counted.Unseen(TaskKind.Warmer, counted));
        Assert.Equal(0, counted.Unseen(TaskKind.Cooler, counted));
        Assert.Equal(3, counted.Plus(TaskKind.Warmer, 3).Unseen(TaskKind.Warmer, counted));
        Assert.Equal(0, counted.Plus(TaskKind.Warmer, 3).Unseen(TaskKind.Cooler, counted));
    }

    /// <summary>How many warmers the model launched in all, given the order its three actors moved in.</summary>
    private static int Simulate(int target, int room, IEnumerable<Move> moves)
    {
        var inTable = 0;
        var recorded = LaunchTally.None;
        var planned = LaunchTally.None;
        var onTheirWay = new Queue<int>();
        var remaining = 0;
        foreach (var move in moves)
        {
            switch (move)
            {
                case Move.Step:
                    // The controller counts what the table holds (running or in flight) and asks for the rest.
                    var count = Math.Max(0, target - inTable);
                    remaining = Math.Max(0, count - planned.Unseen(TaskKind.Warmer, recorded));
                    break;
                case Move.Offer:
                    var batch = Math.Min(remaining, room);
                    if (batch > 0)
                    {
                        remaining -= batch;
                        planned = planned.Plus(TaskKind.Warmer, batch);
                        onTheirWay.Enqueue(batch);
                    }

                    break;
                case Move.Record:
                    if (onTheirWay.TryDequeue(out var done))
                    {
                        inTable += done;
                        recorded = recorded.Plus(TaskKind.Warmer, done);
                    }

                    break;
            }
        }

        return (int)planned.Warmers;
    }
}
