using FsCheck;
using FsCheck.Fluent;

namespace RelayMesos.Control.Simulation.Tests;

/// <summary>Consumers of many shapes: their labels, the shaped catalog, and a consumer that never leaves.</summary>
public class ConsumerShapeTests
{
    [Fact]
    public void A_shape_label_reads_back_as_the_same_shape()
    {
        var seconds = Gen.Choose(0, 50_000).Select(i => i / 1000.0);
        var idle = Gen.OneOf(Gen.Choose(1, 50_000).Select(i => i / 1000.0), Gen.Constant(double.PositiveInfinity));
        var shapes = Gen.Zip(Gen.Zip(seconds, seconds), idle).Select(t => new ConsumerShape(t.Item1.Item1, t.Item1.Item2, t.Item2));
        Prop.ForAll(shapes.ToArbitrary(), shape => ConsumerShape.Parse(shape.Label) == shape).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("1/0.25")]
    [InlineData("1/x/1")]
    [InlineData("1/0.25/0")]
    [InlineData("-1/0.25/1")]
    public void A_label_that_is_not_a_shape_says_what_a_shape_is(string label)
    {
        var error = Assert.Throws<FormatException>(() => ConsumerShape.Parse(label));
        Assert.Contains("startup/service/idle-exit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_named_shape_resolves_and_an_unknown_one_lists_the_known()
    {
        Assert.All(ConsumerShapes.Names, n => Assert.Equal(ConsumerShapes.Get(n), ConsumerShapes.Resolve(n)));
        Assert.True(ConsumerShapes.Get("linger").Lingers);
        Assert.Equal(new ConsumerShape(2, 0.5, double.PositiveInfinity), ConsumerShapes.Resolve("2/0.5/never"));
        var error = Assert.Throws<ArgumentException>(() => ConsumerShapes.Resolve("snail"));
        Assert.Contains("bench, quick", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shaped_catalog_runs_every_consumer_queue_once_per_shape_with_its_start_up_as_the_effect_delay()
    {
        var catalog = new ScenarioCatalog().WithShapes(["drain", "5/1/never"]);
        Assert.Equal(ArrivalProfile.Names.Count * 2, catalog.Names.Count);
        var drain = catalog.Get("plant-burst@drain");
        Assert.Equal((ConsumerShapes.Get("drain"), 2.0), (drain.Consumer, drain.StartupDelay));
        Assert.Equal(5, catalog.Get("plant-ramp@5/1/never").StartupDelay);
    }

    [Fact]
    public void A_consumer_that_lingers_never_leaves_and_one_that_drains_leaves_soon_after_the_queue_empties()
    {
        // Launched at once, no request cost: only the consumer's own shape shows. on-off stops arriving at 10 s.
        var basis = new ScenarioCatalog().Get("plant-on-off") with { Steps = 60, LaunchLatency = 0, OfferInterval = 0, SpawnSeconds = 0, RequestSeconds = 0, RequestPerConsumer = 0, StatusLag = 0 };
        int AliveAt(ConsumerShape shape, double seconds)
        {
            var plant = new ConsumerQueuePlant(basis with { Consumer = shape }, 3);
            plant.Apply(-4);
            while (plant.Time < seconds - 1e-9)
            {
                plant.Advance();
            }

            return plant.Alive;
        }

        Assert.Equal(4, AliveAt(new ConsumerShape(1, 0.05, double.PositiveInfinity), 25));
        Assert.Equal(0, AliveAt(new ConsumerShape(1, 0.05, 0.5), 15));
    }
}
