namespace RelayMesos.Control.Simulation;

/// <summary>One row of a simulation trace.</summary>
public sealed record SimulationStep(
    int Step,
    double Time,
    double Target,
    double Metric,
    double Error,
    int Mv,
    int Applied,
    int Running,
    int InFlight,
    bool Starved);
