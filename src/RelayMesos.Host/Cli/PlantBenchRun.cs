using System.Globalization;
using System.Text;

namespace RelayMesos.Host.Cli;

/// <summary>One algorithm's run on one profile of the real-plant bench, and the table over many.</summary>
internal sealed record PlantBenchRun(string Profile, string Algorithm, int Round, int Seed, PlantRunFigures Figures, double Load, string Log)
{
    public const string CsvHeader = "profile,algorithm,round,seed,iae,launches,worker_seconds,peak,served,left,load";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public string ToLine() => string.Create(C,
        $"{Profile} {Algorithm} round {Round} seed {Seed}: IAE {Figures.Iae:F1} launches {Figures.Launches} worker-s {Figures.WorkerSeconds:F0} peak {Figures.Peak} served {Figures.Served} left {Figures.Left} (load {Load:F2}; {Log})");

    public string ToCsv() => string.Create(C,
        $"{Profile},{Algorithm},{Round},{Seed},{Figures.Iae:F2},{Figures.Launches},{Figures.WorkerSeconds:F1},{Figures.Peak},{Figures.Served},{Figures.Left},{Load:F2}");

    /// <summary>Mean ± standard deviation per profile × algorithm, then every algorithm's means over the first's.</summary>
    public static string Table(IReadOnlyList<PlantBenchRun> runs, IReadOnlyList<string> algorithms)
    {
        var table = new StringBuilder();
        table.AppendLine();
        table.AppendLine("| profile | algorithm | runs | IAE (queue·s) | launches | worker-s | peak | load |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var group in runs.GroupBy(r => (r.Profile, r.Algorithm)))
        {
            var g = group.ToList();
            table.AppendLine(C, $"| {group.Key.Profile} | {group.Key.Algorithm} | {g.Count} | {Spread(g, r => r.Figures.Iae, "F1")} | {Spread(g, r => r.Figures.Launches, "F0")} | {Spread(g, r => r.Figures.WorkerSeconds, "F0")} | {Spread(g, r => r.Figures.Peak, "F0")} | {g.Average(r => r.Load):F2} |");
        }

        if (algorithms.Count > 1)
        {
            var baseline = algorithms[^1];
            table.AppendLine();
            table.AppendLine(C, $"| profile | algorithm | IAE / {baseline} | launches / {baseline} | worker-s / {baseline} |");
            table.AppendLine("|---|---|---:|---:|---:|");
            foreach (var profile in runs.Select(r => r.Profile).Distinct())
            {
                var of = runs.Where(r => r.Profile == profile).ToList();
                foreach (var algorithm in algorithms.Take(algorithms.Count - 1))
                {
                    table.AppendLine(C, $"| {profile} | {algorithm} | {Ratio(of, algorithm, baseline, r => r.Figures.Iae):F3} | {Ratio(of, algorithm, baseline, r => r.Figures.Launches):F3} | {Ratio(of, algorithm, baseline, r => r.Figures.WorkerSeconds):F3} |");
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

    private static double Ratio(List<PlantBenchRun> runs, string algorithm, string baseline, Func<PlantBenchRun, double> value)
    {
        var a = runs.Where(r => r.Algorithm == algorithm).Select(value).DefaultIfEmpty(double.NaN).Average();
        var b = runs.Where(r => r.Algorithm == baseline).Select(value).DefaultIfEmpty(double.NaN).Average();
        return a / b;
    }
}
