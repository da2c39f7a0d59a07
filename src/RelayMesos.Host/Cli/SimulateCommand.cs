using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Simulation;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Cli;

/// <summary><c>relay-mesos simulate</c> and <c>relay-mesos bench controller</c>: the controller against simulated plants, offline.</summary>
public static class SimulateCommand
{
    public static Command Create(ConfigurationOptions configuration, TextWriter output)
    {
        var scenario = new Option<string>("--scenario") { Description = "The plant and target to simulate (see relay.simulator.scenarios).", Required = true };
        var algorithm = new Option<string?>("--algorithm") { Description = "relay, relay-classic or proportional (default: relay.controller.algorithm)." };
        var steps = new Option<int?>("--steps") { Description = "How many controller steps to run (default: the scenario's)." }
            .Within(1, 10_000_000, "a whole number of steps from 1 to 10000000");
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same run.", DefaultValueFactory = _ => 1 };
        var outFile = new Option<string?>("--out") { Description = "Write the per-step trace as CSV to this file." };
        var inflow = new Option<bool>("--inflow") { Description = "Give the controller the plant's inflow (a consumer queue's arrival counter, differenced): relay's feed-forward." };
        var command = new Command("simulate", "Run the controller against a simulated plant and print IAE, overshoot, settling time, launches and task-seconds.");
        foreach (var option in new Option[] { scenario, algorithm, steps, seed, outFile, inflow })
        {
            command.Options.Add(option);
        }

        configuration.AddTo(command, withRelayAliases: false);

        command.SetAction(parse =>
        {
            var config = Load(configuration, parse, parse.GetValue(algorithm));
            var catalog = new ScenarioCatalog(config);
            var name = parse.GetValue(scenario)!;
            if (!catalog.Names.Contains(name))
            {
                throw new ConfigurationValueException("--scenario", name, "one of " + string.Join(", ", catalog.Names));
            }

            var chosen = catalog.Get(name);
            var settings = ControllerSettingsBinder.Bind(config);
            var result = Simulator.Run(chosen, settings, parse.GetValue(steps) ?? chosen.Steps, parse.GetValue(seed), parse.GetValue(inflow));
            var c = CultureInfo.InvariantCulture;
            output.WriteLine($"scenario {result.Scenario}, algorithm {ControllerBenchmarkReport.Name(result.Algorithm)}{(parse.GetValue(inflow) ? " with the inflow" : "")}, seed {result.Seed}, {result.Trace.Length} steps");
            output.WriteLine(chosen.ScoreFrom > 0
                ? string.Create(c, $"IAE            {result.Iae:0.0} (from {chosen.ScoreFrom:0.#} s on; whole run {result.IaeWholeRun:0.0})")
                : string.Create(c, $"IAE            {result.Iae:0.0}"));
            output.WriteLine(string.Create(c, $"overshoot      {result.Overshoot:0.0}"));
            output.WriteLine(string.Create(c, $"settling time  {(result.SettlingTime is { } t ? t.ToString("0.0", c) + " s" : "not settled")}"));
            output.WriteLine(string.Create(c, $"launches       {result.Launches}"));
            output.WriteLine(string.Create(c, $"task-seconds   {result.TaskSeconds:0}"));
            if (parse.GetValue(outFile) is { } path)
            {
                using var writer = new StreamWriter(path);
                TraceCsvWriter.Write(writer, result.Trace);
                output.WriteLine($"trace written to {path}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateBench(ConfigurationOptions configuration, TextWriter output)
    {
        var seeds = new Option<int[]>("--seeds") { Description = "Seeds every scenario × algorithm runs with.", DefaultValueFactory = _ => [1, 2, 3], AllowMultipleArgumentsPerToken = true };
        var controller = new Command("controller", "Every scenario × algorithm with the same seeds: one table, plus relay's ratios against relay-classic and proportional.");
        var shapes = new Option<string[]>("--shapes") { Description = "Run only the consumer queues (plant-*), once per consumer shape: all, or names (" + string.Join(", ", ConsumerShapes.Names) + ") or startup/service/idle-exit in seconds (e.g. 1/0.25/never).", AllowMultipleArgumentsPerToken = true };
        controller.Options.Add(seeds);
        controller.Options.Add(shapes);
        configuration.AddTo(controller, withRelayAliases: false);
        controller.SetAction(parse =>
        {
            var config = Load(configuration, parse, null);
            var catalog = new ScenarioCatalog(config);
            if (parse.GetValue(shapes) is { Length: > 0 } chosen)
            {
                catalog = catalog.WithShapes(chosen is ["all"] ? ConsumerShapes.Names : [.. chosen.Select(Shape)]);
            }

            var report = ControllerBenchmark.Run(catalog, ControllerSettingsBinder.Bind(config), parse.GetValue(seeds)!);
            output.Write(report.ToTable());
            return ExitCodes.Ok;
        });
        var bench = new Command("bench", "Benchmarks that score the product (timing micro-benchmarks live in tests/RelayMesos.Benchmarks).");
        bench.Subcommands.Add(controller);
        bench.Subcommands.Add(PlantBenchCommand.Create(configuration, output));
        bench.Subcommands.Add(LoopsBenchCommand.Create(output));
        return bench;
    }

    /// <summary>A shape option's value, checked: a bad one is bad usage (exit 2, one line).</summary>
    internal static string Shape(string nameOrLabel)
    {
        try
        {
            _ = ConsumerShapes.Resolve(nameOrLabel);
            return nameOrLabel;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ConfigurationValueException("--shapes", nameOrLabel, ConsumerShapes.Expected);
        }
    }

    private static IConfiguration Load(ConfigurationOptions configuration, ParseResult parse, string? algorithm)
    {
        var layers = configuration.Layers(parse);
        if (algorithm is not null)
        {
            layers = layers with { Overrides = [.. layers.Overrides, new("relay.controller.algorithm", algorithm)] };
        }

        return new ConfigurationBuilder().AddHocon(RelayConfigurationLoader.Load(layers)).Build();
    }
}
