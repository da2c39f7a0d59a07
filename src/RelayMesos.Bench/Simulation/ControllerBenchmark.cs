using System.Collections.Immutable;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Simulation;

/// <summary>Runs every scenario of a catalog with every algorithm on the same seeds.</summary>
public static class ControllerBenchmark
{
    public static ControllerBenchmarkReport Run(params int[] seeds) =>
        Run(new ScenarioCatalog(), ControllerSettings.Default, seeds);

    /// <summary>
    /// <paramref name="settings"/> supplies everything but the algorithm, which takes each value in turn, and the
    /// delay and effect delay, which are the scenario's step and start-up delay (as an operator would configure them).
    /// </summary>
    public static ControllerBenchmarkReport Run(ScenarioCatalog catalog, ControllerSettings settings, params int[] seeds)
    {
        if (seeds.Length == 0)
        {
            throw new ArgumentException("At least one seed is needed.", nameof(seeds));
        }

        var rows = ImmutableArray.CreateBuilder<BenchmarkRow>();
        var oracles = ImmutableArray.CreateBuilder<OracleResult>();
        foreach (var name in catalog.Names)
        {
            var scenario = catalog.Get(name);
            // relay once more with the plant's inflow where the plant counts its arrivals (the consumer queues).
            var variants = Enum.GetValues<ControllerAlgorithm>().Select(a => (Algorithm: a, Inflow: false))
                .Concat(scenario.Plant == PlantKind.ConsumerQueue ? [(ControllerAlgorithm.Relay, true)] : []);
            foreach (var (algorithm, inflow) in variants)
            {
                var runs = seeds
                    .Select(seed => Simulator.Run(scenario, settings with { Algorithm = algorithm, Delay = TimeSpan.FromSeconds(scenario.StepSeconds), EffectDelay = TimeSpan.FromSeconds(scenario.StartupDelay) }, scenario.Steps, seed, inflow))
                    .ToList();
                var settled = runs.All(r => r.SettlingTime.HasValue) ? runs.Average(r => r.SettlingTime!.Value) : (double?)null;
                rows.Add(new BenchmarkRow(
                    name, algorithm,
                    runs.Average(r => r.Iae),
                    runs.Average(r => r.IaeWholeRun),
                    scenario.ScoreFrom,
                    runs.Average(r => r.Overshoot),
                    settled,
                    runs.Average(r => r.Launches),
                    runs.Average(r => r.TaskSeconds),
                    runs.Average(r => r.Peak))
                { WithInflow = inflow });
            }

            if (scenario.Plant == PlantKind.ConsumerQueue)
            {
                oracles.AddRange(seeds.Select(seed => QueueOracle.Run(scenario, seed)));
            }
        }

        return new ControllerBenchmarkReport([.. seeds], rows.ToImmutable()) { Oracles = oracles.ToImmutable() };
    }
}
