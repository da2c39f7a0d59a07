namespace RelayMesos.Control.Simulation;

/// <summary>
/// The physical limit on a consumer queue: a clairvoyant controller that knows every future arrival and the plant
/// exactly (it steps a copy of it). A consumer launched now takes its first item only after the launch latency and
/// its start-up, so each step it launches the fewest consumers that make the queue over that first reachable step
/// as low as any number could; later steps are left to later launches, which keeps consumers from idling early.
/// Greedy, so a lower bound on what any causal controller can do in practice, not a proven optimum.
/// </summary>
public static class QueueOracle
{
    /// <summary>More consumers than this in one step never help on the bench's profiles (a safe ceiling for the search).</summary>
    private const int MostPerStep = 64;

    /// <summary>
    /// Items·steps that do not justify one more launch: one item waiting one controller step. (One item waiting one plant
    /// tick, the old bound, made it launch a consumer per arrival once a poll cost milliseconds: 1,571 launches on the
    /// steady queue for 11.5 queue·s, against 58 and 40 queue·s for relay.)
    /// </summary>
    private const double ToleratedItemSteps = 1;

    public static OracleResult Run(Scenario scenario, int seed)
    {
        if (scenario.Plant != PlantKind.ConsumerQueue)
        {
            throw new ArgumentException($"The oracle knows consumer queues only; '{scenario.Name}' is a {scenario.Plant}.", nameof(scenario));
        }

        var plant = new ConsumerQueuePlant(scenario, seed);
        var reach = scenario.LaunchLatency + scenario.Consumer.Startup;
        var lookahead = (int)Math.Ceiling(reach / scenario.StepSeconds) + 1;
        for (var i = 0; i < scenario.Steps; i++)
        {
            var best = QueueAt(plant, MostPerStep, lookahead);
            var (low, high) = (0, MostPerStep);
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (QueueAt(plant, mid, lookahead) <= best + ToleratedItemSteps * scenario.StepSeconds)
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }

            plant.Apply(-low);
            plant.Advance();
        }

        return new OracleResult(scenario.Name, seed, plant.IntegratedError ?? 0, plant.Launches, plant.TaskSeconds, plant.Peak);
    }

    /// <summary>The queue integrated over the last of <paramref name="steps"/> steps, launching <paramref name="launch"/> now and nothing after.</summary>
    private static double QueueAt(ConsumerQueuePlant plant, int launch, int steps)
    {
        var copy = plant.Clone();
        copy.Apply(-launch);
        for (var s = 0; s < steps - 1; s++)
        {
            copy.Advance();
        }

        var before = copy.IntegratedError ?? 0;
        copy.Advance();
        return (copy.IntegratedError ?? 0) - before;
    }
}
