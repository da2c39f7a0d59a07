using System.Collections.Immutable;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Simulation;

/// <summary>
/// The summary of one run. IAE = Σ|err|·dt from the scenario's <see cref="Scenario.ScoreFrom"/> on, and
/// <paramref name="IaeWholeRun"/> over every step. Overshoot is the largest error of the opposite sign to the first
/// non-zero error (how far the metric went past the target). Settling time is when |err| last left the band
/// max(1, 10% of |SP|); null when the run ends outside it.
/// </summary>
public sealed record SimulationResult(
    string Scenario,
    ControllerAlgorithm Algorithm,
    int Seed,
    double Iae,
    double IaeWholeRun,
    double Overshoot,
    double? SettlingTime,
    int Launches,
    double TaskSeconds,
    ImmutableArray<SimulationStep> Trace)
{
    /// <summary>The most tasks of ours alive at once.</summary>
    public int Peak { get; init; }
}
