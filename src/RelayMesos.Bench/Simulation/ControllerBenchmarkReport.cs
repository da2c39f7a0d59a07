using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Simulation;

/// <summary>Every scenario × algorithm over the same seeds, with <c>relay</c>'s ratios against the others.</summary>
public sealed record ControllerBenchmarkReport(ImmutableArray<int> Seeds, ImmutableArray<BenchmarkRow> Rows)
{
    /// <summary>The clairvoyant oracle's runs of the consumer-queue scenarios, one per seed.</summary>
    public ImmutableArray<OracleResult> Oracles { get; init; } = [];

    public BenchmarkRow Row(string scenario, ControllerAlgorithm algorithm, bool withInflow = false) =>
        Rows.Single(r => r.Scenario == scenario && r.Algorithm == algorithm && r.WithInflow == withInflow);

    /// <summary>relay's IAE over another algorithm's, per scenario (below 1 means relay is better).</summary>
    public double IaeRatio(string scenario, ControllerAlgorithm against) =>
        Ratio(Row(scenario, ControllerAlgorithm.Relay).Iae, Row(scenario, against).Iae);

    public double LaunchRatio(string scenario, ControllerAlgorithm against) =>
        Ratio(Row(scenario, ControllerAlgorithm.Relay).Launches, Row(scenario, against).Launches);

    public double TaskSecondsRatio(string scenario, ControllerAlgorithm against) =>
        Ratio(Row(scenario, ControllerAlgorithm.Relay).TaskSeconds, Row(scenario, against).TaskSeconds);

    public string ToTable()
    {
        var table = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        table.AppendLine(c, $"seeds: {string.Join(",", Seeds)} (values are means over the seeds)");
        table.AppendLine("| scenario | algorithm | IAE | overshoot | settling s | launches | task-s | peak |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Rows)
        {
            var settling = r.SettlingTime is { } s ? s.ToString("F0", c) : "-";
            table.AppendLine(c, $"| {r.Scenario} | {Name(r)} | {r.Iae:F1} | {r.Overshoot:F1} | {settling} | {r.Launches:F1} | {r.TaskSeconds:F0} | {r.Peak:F1} |");
        }

        table.AppendLine();
        table.AppendLine("| scenario | IAE relay/classic | IAE relay/proportional | launches relay/classic | task-s relay/classic |");
        table.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var scenario in Rows.Select(r => r.Scenario).Distinct())
        {
            table.AppendLine(c, $"| {scenario} | {IaeRatio(scenario, ControllerAlgorithm.RelayClassic):F3} | {IaeRatio(scenario, ControllerAlgorithm.Proportional):F3} | {LaunchRatio(scenario, ControllerAlgorithm.RelayClassic):F3} | {TaskSecondsRatio(scenario, ControllerAlgorithm.RelayClassic):F3} |");
        }

        if (!Oracles.IsEmpty)
        {
            table.AppendLine();
            table.AppendLine("Consumer queues against the clairvoyant oracle (knows every arrival and the plant; the physical limit):");
            table.AppendLine("| scenario | algorithm | IAE | launches | task-s | IAE / oracle | launches / oracle | task-s / oracle |");
            table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var group in Oracles.GroupBy(o => o.Scenario))
            {
                var (iae, launches, taskSeconds) = (group.Average(o => o.Iae), group.Average(o => o.Launches), group.Average(o => o.TaskSeconds));
                table.AppendLine(c, $"| {group.Key} | oracle | {iae:F1} | {launches:F1} | {taskSeconds:F0} | 1 | 1 | 1 |");
                foreach (var r in Rows.Where(r => r.Scenario == group.Key))
                {
                    table.AppendLine(c, $"| {group.Key} | {Name(r)} | {r.Iae:F1} | {r.Launches:F1} | {r.TaskSeconds:F0} | {Ratio(r.Iae, iae):F2} | {Ratio(r.Launches, launches):F2} | {Ratio(r.TaskSeconds, taskSeconds):F2} |");
                }
            }
        }

        if (Rows.Any(r => r.Scenario.Contains('@', StringComparison.Ordinal)))
        {
            table.AppendLine();
            table.Append(ShapeTable());
        }

        foreach (var scored in Rows.Where(r => r.ScoreFrom > 0).GroupBy(r => r.Scenario))
        {
            var whole = string.Join(", ", scored.Select(r => string.Create(c, $"{Name(r)} {r.IaeWholeRun:F1}")));
            table.AppendLine();
            table.AppendLine(c, $"{scored.Key}: IAE counts from {scored.First().ScoreFrom:0.#} s on; over the whole run it is {whole}.");
        }

        return table.ToString();
    }

    /// <summary>
    /// The consumer queues of many shapes (<c>plant-PROFILE@SHAPE</c>), one line each: relay over relay-classic, and
    /// both over the oracle. "holds" is issue 28's target for relay without an inflow signal: at most relay-classic's
    /// launches and worker-seconds at no more than 0.9 of its IAE.
    /// </summary>
    public string ShapeTable()
    {
        var c = CultureInfo.InvariantCulture;
        var table = new StringBuilder();
        table.AppendLine("| shape | profile | IAE relay/classic | launches relay/classic | task-s relay/classic | holds | IAE relay/oracle | launches relay/oracle | IAE classic/oracle | launches classic/oracle | IAE inflow/oracle | launches inflow/oracle | task-s inflow/oracle | inflow holds |");
        table.AppendLine("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var shaped = Rows.Select(r => r.Scenario).Distinct().Where(s => s.Contains('@', StringComparison.Ordinal))
            .Select(s => (Scenario: s, Profile: s[..s.IndexOf('@', StringComparison.Ordinal)], Shape: s[(s.IndexOf('@', StringComparison.Ordinal) + 1)..]));
        foreach (var (scenario, profile, shape) in shaped)
        {
            var (iae, launches, taskSeconds) = (IaeRatio(scenario, ControllerAlgorithm.RelayClassic), LaunchRatio(scenario, ControllerAlgorithm.RelayClassic), TaskSecondsRatio(scenario, ControllerAlgorithm.RelayClassic));
            var holds = iae <= 0.9 && launches <= 1 && taskSeconds <= 1 ? "yes" : "no";
            var oracle = Oracles.Where(o => o.Scenario == scenario).ToList();
            double Over(ControllerAlgorithm algorithm, Func<BenchmarkRow, double> row, Func<OracleResult, double> of, bool withInflow = false) =>
                oracle.Count == 0 ? double.NaN : Ratio(row(Row(scenario, algorithm, withInflow)), oracle.Average(of));
            var inflow = Rows.Any(r => r.Scenario == scenario && r.WithInflow);
            var (inflowIae, inflowLaunches) = inflow ? (Over(ControllerAlgorithm.Relay, r => r.Iae, o => o.Iae, true), Over(ControllerAlgorithm.Relay, r => r.Launches, o => o.Launches, true)) : (double.NaN, double.NaN);
            var inflowHolds = !inflow || oracle.Count == 0 ? "-" : inflowIae <= (profile == "plant-burst" ? 1.6 : 1.3) && inflowLaunches <= 1.5 ? "yes" : "no";
            table.AppendLine(c, $"| {shape} | {profile["plant-".Length..]} | {iae:F3} | {launches:F3} | {taskSeconds:F3} | {holds} | {Over(ControllerAlgorithm.Relay, r => r.Iae, o => o.Iae):F2} | {Over(ControllerAlgorithm.Relay, r => r.Launches, o => o.Launches):F2} | {Over(ControllerAlgorithm.RelayClassic, r => r.Iae, o => o.Iae):F2} | {Over(ControllerAlgorithm.RelayClassic, r => r.Launches, o => o.Launches):F2} | {inflowIae:F2} | {inflowLaunches:F2} | {(inflow ? Over(ControllerAlgorithm.Relay, r => r.TaskSeconds, o => o.TaskSeconds, true) : double.NaN):F2} | {inflowHolds} |");
        }

        return table.ToString();
    }

    public static string Name(BenchmarkRow row) => row.WithInflow ? Name(row.Algorithm) + " + inflow" : Name(row.Algorithm);

    public static string Name(ControllerAlgorithm algorithm) => algorithm switch
    {
        ControllerAlgorithm.RelayClassic => "relay-classic",
        ControllerAlgorithm.Proportional => "proportional",
        _ => "relay",
    };

    private static double Ratio(double a, double b) => b == 0 ? (a == 0 ? 1 : double.PositiveInfinity) : a / b;
}
