using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Web;

/// <summary>
/// What this instance saw of one loop: its last decision and demand, its failed samples, its operator state, and why it
/// ended when it has (null while it runs).
/// </summary>
public sealed record LoopObservation(
    string Loop, DecisionMade? LastDecision, DemandProgress? Demand, long SampleFailures, string? LastSampleFailure, OperatorState? Operator = null,
    string? Ended = null)
{
    public static LoopObservation Empty(string loop) => new(loop, null, null, 0, null);

    /// <summary>What the web UI and <c>/api/loops</c> call it: <c>ended</c>, <c>paused</c> or <c>running</c>.</summary>
    public string State => Ended is not null ? "ended" : Operator?.Paused == true ? "paused" : "running";
}
