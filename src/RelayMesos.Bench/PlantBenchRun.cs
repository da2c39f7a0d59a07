using System.Globalization;
using System.Text;
using RelayMesos.Control.Simulation;

namespace RelayMesos.Bench;

/// <summary>One algorithm's run on one profile of the real-plant bench, and the table over many.</summary>
public sealed record PlantBenchRun(string Profile, string Algorithm, int Round, int Seed, PlantRunFigures Figures, double Load, string Log, int Seconds)
{
    public const string CsvHeader = "profile,algorithm,round,seed,iae,launches,worker_seconds,peak,served,left,load,seconds,consumer";

    /// <summary>The columns before <c>seconds</c> was added: such files take the run length from <c>--seconds</c>.</summary>
    private const int OlderColumns = 11;

    /// <summary>The columns before <c>consumer</c> was added: such files take the consumer from the command's options.</summary>
    private const int SecondsColumns = 12;

    /// <summary>The consumer: its language and shape, e.g. <c>bash 1/0.25/1</c> (see <see cref="PlantBench.Label"/>).</summary>
    public string Consumer { get; init; } = "";

    /// <summary>What the tables group by: the profile, and the consumer when the runs had several.</summary>
    private string Case(bool byConsumer) => byConsumer ? $"{Profile} @ {Consumer}" : Profile;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public string ToLine() => string.Create(C,
        $"{Profile} {Algorithm} {Consumer} round {Round} seed {Seed}: IAE {Figures.Iae:F1} launches {Figures.Launches} worker-s {Figures.WorkerSeconds:F0} peak {Figures.Peak} served {Figures.Served} left {Figures.Left} (load {Load:F2}; {Log})");

    /// <summary>The runs an earlier <c>--out</c> wrote (their logs are not in the file).</summary>
    public static List<PlantBenchRun> ReadCsv(string path, int seconds, string consumer)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"--table-from: no file {path}.");
        }

        var runs = new List<PlantBenchRun>();
        foreach (var (line, number) in File.ReadLines(path).Select((l, i) => (l, i + 1)).Skip(1).Where(x => x.l.Length > 0))
        {
            var f = line.Split(',');
            if (f.Length != CsvHeader.Split(',').Length && f.Length != OlderColumns && f.Length != SecondsColumns)
            {
                throw new ArgumentException($"--table-from: {path}:{number}: expected the columns {CsvHeader}.");
            }

            double D(int i) => double.Parse(f[i], C);
            int I(int i) => int.Parse(f[i], C);
            runs.Add(new PlantBenchRun(f[0], f[1], I(2), I(3), new PlantRunFigures(D(4), I(5), D(6), I(7), I(8), I(9)), D(10), "", f.Length > OlderColumns ? I(11) : seconds) { Consumer = f.Length > SecondsColumns ? f[12] : consumer });
        }

        return runs;
    }

    public string ToCsv() => string.Create(C,
        $"{Profile},{Algorithm},{Round},{Seed},{Figures.Iae:F2},{Figures.Launches},{Figures.WorkerSeconds:F1},{Figures.Peak},{Figures.Served},{Figures.Left},{Load:F2},{Seconds},{Consumer}");

    /// <summary>Mean ± standard deviation per profile × algorithm, then every algorithm's means over the first's.</summary>
    public static string Table(IReadOnlyList<PlantBenchRun> runs, IReadOnlyList<string> algorithms) =>
        Table(runs, algorithms, new Dictionary<string, IReadOnlyList<OracleResult>>());

    /// <summary>
    /// As above, then every algorithm over the clairvoyant oracle of each profile: <see cref="QueueOracle"/> on the
    /// calibrated model of the bench, with the same seeds; the model's physical limit, not a measured run.
    /// </summary>
    public static string Table(IReadOnlyList<PlantBenchRun> runs, IReadOnlyList<string> algorithms, IReadOnlyDictionary<string, IReadOnlyList<OracleResult>> oracles)
    {
        var table = new StringBuilder();
        var byConsumer = runs.Select(r => r.Consumer).Distinct().Count() > 1;
        table.AppendLine();
        if (!byConsumer && runs.Count > 0 && runs[0].Consumer.Length > 0)
        {
            table.AppendLine(C, $"consumer: {runs[0].Consumer} (startup/service/idle-exit in seconds)");
        }

        table.AppendLine("| profile | algorithm | runs | IAE (queue·s) | launches | worker-s | peak | load |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var group in runs.GroupBy(r => (Profile: r.Case(byConsumer), r.Algorithm)))
        {
            var g = group.ToList();
            table.AppendLine(C, $"| {group.Key.Profile} | {group.Key.Algorithm} | {g.Count} | {Spread(g, r => r.Figures.Iae, "F1")} | {Spread(g, r => r.Figures.Launches, "F0")} | {Spread(g, r => r.Figures.WorkerSeconds, "F0")} | {Spread(g, r => r.Figures.Peak, "F0")} | {g.Average(r => r.Load):F2} |");
        }

        if (algorithms.Count > 1)
        {
            var baseline = algorithms[^1];
            table.AppendLine();
            table.AppendLine(C, $"| profile | algorithm | IAE / {baseline} | median IAE / {baseline} | launches / {baseline} | worker-s / {baseline} |");
            table.AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var profile in runs.Select(r => r.Case(byConsumer)).Distinct())
            {
                var of = runs.Where(r => r.Case(byConsumer) == profile).ToList();
                foreach (var algorithm in algorithms.Take(algorithms.Count - 1))
                {
                    table.AppendLine(C, $"| {profile} | {algorithm} | {Ratio(of, algorithm, baseline, r => r.Figures.Iae):F3} | {MedianRatio(of, algorithm, baseline, r => r.Figures.Iae):F3} | {Ratio(of, algorithm, baseline, r => r.Figures.Launches):F3} | {Ratio(of, algorithm, baseline, r => r.Figures.WorkerSeconds):F3} |");
                }
            }
        }

        if (oracles.Count > 0)
        {
            table.AppendLine();
            table.AppendLine("Every algorithm over the clairvoyant oracle (knows every arrival; run on the calibrated model with the same seeds):");
            table.AppendLine("| profile | algorithm | IAE | launches | worker-s | IAE / oracle | launches / oracle | worker-s / oracle |");
            table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (profile, results) in oracles)
            {
                var (iae, launches, workerSeconds) = (results.Average(o => o.Iae), results.Average(o => o.Launches), results.Average(o => o.TaskSeconds));
                table.AppendLine(C, $"| {profile} | oracle (model) | {iae:F1} | {launches:F0} | {workerSeconds:F0} | 1 | 1 | 1 |");
                foreach (var algorithm in algorithms)
                {
                    var of = runs.Where(r => r.Case(byConsumer) == profile && r.Algorithm == algorithm).ToList();
                    if (of.Count == 0)
                    {
                        continue;
                    }

                    var (ri, rl, rw) = (of.Average(r => r.Figures.Iae), of.Average(r => (double)r.Figures.Launches), of.Average(r => r.Figures.WorkerSeconds));
                    table.AppendLine(C, $"| {profile} | {algorithm} | {ri:F1} | {rl:F0} | {rw:F0} | {ri / iae:F2} | {rl / launches:F2} | {rw / workerSeconds:F2} |");
                }
            }
        }

        return table.ToString();
    }

    private static string Spread(List<PlantBenchRun> runs, Func<PlantBenchRun, double> value, string format)
    {
        var values = runs.Select(value).ToList();
        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return $"{mean.ToString(format, C)} ± {sd.ToString(format, C)}";
    }

    /// <summary>Medians' ratio: one run that a stalled machine ruined moves it less than the means'.</summary>
    private static double MedianRatio(List<PlantBenchRun> runs, string algorithm, string baseline, Func<PlantBenchRun, double> value) =>
        Median(runs.Where(r => r.Algorithm == algorithm).Select(value)) / Median(runs.Where(r => r.Algorithm == baseline).Select(value));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Ratio(List<PlantBenchRun> runs, string algorithm, string baseline, Func<PlantBenchRun, double> value)
    {
        var a = runs.Where(r => r.Algorithm == algorithm).Select(value).DefaultIfEmpty(double.NaN).Average();
        var b = runs.Where(r => r.Algorithm == baseline).Select(value).DefaultIfEmpty(double.NaN).Average();
        return a / b;
    }

    /// <summary>
    /// The clairvoyant oracle on the calibrated model of each profile (and consumer shape, keyed as the tables group),
    /// with the seeds and length the runs had. The model is the bash consumer's: a Python one is modelled by its shape.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<OracleResult>> Oracles(IReadOnlyList<PlantBenchRun> runs)
    {
        var catalog = new ScenarioCatalog();
        var byConsumer = runs.Select(r => r.Consumer).Distinct().Count() > 1;
        var oracles = new Dictionary<string, IReadOnlyList<OracleResult>>(StringComparer.Ordinal);
        foreach (var key in runs.Select(r => r.Case(byConsumer)).Distinct())
        {
            var first = runs.First(r => r.Case(byConsumer) == key);
            var consumer = ConsumerShape.Parse(first.Consumer[(first.Consumer.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var model = catalog.Get("plant-" + first.Profile) with { Consumer = consumer, StartupDelay = consumer.Startup };
            oracles[key] = [.. runs.Where(r => r.Case(byConsumer) == key).Select(r => (r.Seed, r.Seconds)).Distinct()
                .Select(run => QueueOracle.Run(model with { Steps = (int)Math.Round(run.Seconds / model.StepSeconds) }, run.Seed))];
        }

        return oracles;
    }
}
