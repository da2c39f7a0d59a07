namespace RelayMesos.Control.Sources;

/// <summary>The failure policy's memory: consecutive failures and the last good values.</summary>
public sealed record FailureTracker(int ConsecutiveFailures = 0, double? LastTarget = null, double? LastMetric = null)
{
    public static FailureTracker Initial { get; } = new();
}
