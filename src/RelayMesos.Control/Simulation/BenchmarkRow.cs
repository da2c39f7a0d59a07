using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Simulation;

/// <summary>One scenario × algorithm, averaged over the benchmark's seeds.</summary>
public sealed record BenchmarkRow(
    string Scenario,
    ControllerAlgorithm Algorithm,
    double Iae,
    double Overshoot,
    double? SettlingTime,
    double Launches,
    double TaskSeconds);
