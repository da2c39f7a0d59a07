namespace RelayMesos.Control.Simulation;

/// <summary>The clairvoyant oracle's run of a consumer-queue scenario (see <see cref="QueueOracle"/>).</summary>
public sealed record OracleResult(string Scenario, int Seed, double Iae, int Launches, double TaskSeconds, int Peak);
