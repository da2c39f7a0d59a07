using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Simulation;

/// <summary>One scenario × algorithm, averaged over the benchmark's seeds; IAE counts from <paramref name="ScoreFrom"/> on.</summary>
public sealed record BenchmarkRow(
    string Scenario,
    ControllerAlgorithm Algorithm,
    double Iae,
    double IaeWholeRun,
    double ScoreFrom,
    double Overshoot,
    double? SettlingTime,
    double Launches,
    double TaskSeconds,
    double Peak)
{
    /// <summary>The controller was given the plant's inflow (relay's feed-forward).</summary>
    public bool WithInflow { get; init; }
}
