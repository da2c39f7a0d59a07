using System.CommandLine;
using System.Diagnostics;
using RelayMesos.Bench;
using RelayMesos.Control.Simulation;

namespace RelayMesos.Host.Cli;

/// <summary>
/// <c>relay-mesos bench plant</c>: each algorithm against a real queue. A loopback HTTP queue gets seeded arrivals
/// (steady, burst, ramp, on-off); <c>relay-mesos run</c> on the embedded cluster launches real consumer processes
/// (a bash loop) as coolers; the queue server counts IAE, launches, worker-seconds and the peak. Algorithms
/// alternate round by round on the same seeds, because single runs on a busy machine swing by a third.
/// </summary>
public static class PlantBenchCommand
{
    public static Command Create(ConfigurationOptions configuration, TextWriter output)
    {
        var profiles = new Option<string[]>("--profiles") { Description = "Arrival profiles: steady, burst, ramp, on-off.", DefaultValueFactory = _ => [.. ArrivalProfile.Names], AllowMultipleArgumentsPerToken = true };
        var algorithms = new Option<string[]>("--algorithms") { Description = "Algorithms to compare, in the order of the first round.", DefaultValueFactory = _ => ["relay", "relay-classic"], AllowMultipleArgumentsPerToken = true };
        var rounds = new Option<int>("--rounds") { Description = "Runs per algorithm and profile (alternating).", DefaultValueFactory = _ => 3 };
        var seconds = new Option<int>("--seconds") { Description = "Length of one run, from the framework's first sample.", DefaultValueFactory = _ => 80 };
        var seed = new Option<int>("--seed") { Description = "Seed of the first round's arrivals; round r uses seed + r.", DefaultValueFactory = _ => 1 };
        var startup = new Option<double>("--startup") { Description = "Seconds a consumer takes to start.", DefaultValueFactory = _ => 1 };
        var service = new Option<double>("--service") { Description = "Seconds a consumer spends on one item.", DefaultValueFactory = _ => 0.25 };
        var idleExit = new Option<string>("--idle-exit") { Description = "Seconds a consumer waits on an empty queue before it exits, or never.", DefaultValueFactory = _ => "1" };
        var shapes = new Option<string[]>("--shapes") { Description = "Consumer shapes to run, one after another (instead of --startup, --service, --idle-exit): names (" + string.Join(", ", ConsumerShapes.Names) + ") or startup/service/idle-exit in seconds (e.g. 1/0.25/never).", AllowMultipleArgumentsPerToken = true };
        var consumerLanguage = new Option<string>("--consumer") { Description = "What the consumer is written in: bash or python (python3 on the PATH).", DefaultValueFactory = _ => "bash" };
        var delay = new Option<string>("--delay") { Description = "relay.controller.delay of the runs.", DefaultValueFactory = _ => "500ms" };
        var outFile = new Option<string?>("--out") { Description = "Also write every run as a CSV line to this file." };
        var tableFrom = new Option<string?>("--table-from") { Description = "Run nothing: print the tables of the runs an earlier --out wrote to this file (files without a seconds column need --seconds)." };
        var command = new Command("plant", "Every algorithm against a real queue on loopback with real consumer processes: IAE, launches, worker-seconds and peak, mean ± spread over alternating runs.");
        foreach (var option in new Option[] { profiles, algorithms, rounds, seconds, seed, startup, service, idleExit, shapes, consumerLanguage, delay, outFile, tableFrom, configuration.Set })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(profiles)!;
            foreach (var name in chosen.Where(n => !ArrivalProfile.Names.Contains(n, StringComparer.Ordinal)))
            {
                throw new ArgumentException($"--profiles: no profile '{name}'; known: {string.Join(", ", ArrivalProfile.Names)}.");
            }

            var algs = parse.GetValue(algorithms)!;
            if (!ConsumerShape.TryParseIdleExit(parse.GetValue(idleExit)!, out var idle))
            {
                throw new ArgumentException($"--idle-exit: '{parse.GetValue(idleExit)}' is neither seconds above zero nor never.");
            }

            var language = parse.GetValue(consumerLanguage) switch
            {
                "bash" => ConsumerLanguage.Bash,
                "python" => ConsumerLanguage.Python,
                var other => throw new ArgumentException($"--consumer: '{other}' is neither bash nor python."),
            };
            IReadOnlyList<ConsumerShape> consumerShapes = parse.GetValue(shapes) is { Length: > 0 } named
                ? [.. named.Select(n => ConsumerShapes.Resolve(SimulateCommand.Shape(n)))]
                : [new ConsumerShape(parse.GetValue(startup), parse.GetValue(service), idle)];
            if (parse.GetValue(tableFrom) is { } earlier)
            {
                var read = PlantBenchRun.ReadCsv(earlier, parse.GetValue(seconds), PlantBench.Label(language, consumerShapes[0]));
                await output.WriteAsync(PlantBenchRun.Table(read, algs, PlantBenchRun.Oracles(read)));
                return ExitCodes.Ok;
            }

            var benches = consumerShapes.Select(shape => new PlantBench(
                ThisExecutable, shape, language,
                parse.GetValue(delay)!, parse.GetValue(seconds), parse.GetValue(configuration.Set) ?? [], output)).ToList();
            var runs = new List<PlantBenchRun>();
            await using var csv = parse.GetValue(outFile) is { } path ? new StreamWriter(path) : null;
            if (csv is not null)
            {
                await csv.WriteLineAsync(PlantBenchRun.CsvHeader);
            }

            var r = parse.GetValue(rounds);
            foreach (var (bench, profile) in benches.SelectMany(b => chosen.Select(p => (b, p))))
            {
                for (var round = 0; round < r; round++)
                {
                    // Alternate which algorithm goes first, so drift in the machine's load falls on both alike.
                    var order = round % 2 == 0 ? algs : algs.Reverse().ToArray();
                    foreach (var algorithm in order)
                    {
                        var run = await bench.RunAsync(profile, algorithm, round, parse.GetValue(seed) + round, cancellationToken);
                        runs.Add(run);
                        await output.WriteLineAsync(run.ToLine());
                        if (csv is not null)
                        {
                            await csv.WriteLineAsync(run.ToCsv());
                            await csv.FlushAsync(cancellationToken);
                        }
                    }
                }
            }

            await output.WriteAsync(PlantBenchRun.Table(runs, algs, PlantBenchRun.Oracles(runs)));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>This very executable, so the bench's runs use the build that runs the bench.</summary>
    private static ProcessStartInfo ThisExecutable()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of relay-mesos itself is unknown.");
        var info = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Not Assembly.Location: it is empty in the single-file build (and the single-file analyzer rejects it).
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(PlantBenchCommand).Assembly.GetName().Name + ".dll"));
        }

        return info;
    }
}
