using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Web;

/// <summary>What this instance saw of one loop: its last decision and demand, and its failed samples.</summary>
public sealed record LoopObservation(
    string Loop, DecisionMade? LastDecision, DemandProgress? Demand, long SampleFailures, string? LastSampleFailure, OperatorState? Operator = null)
{
    public static LoopObservation Empty(string loop) => new(loop, null, null, 0, null);
}
