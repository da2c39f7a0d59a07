namespace RelayMesos.Control.Sources;

/// <summary><c>relay.metric.on-failure</c>: what a step does when the metric or target could not be read.</summary>
public enum FailurePolicyKind
{
    /// <summary>No decision this step; the previous demand stands.</summary>
    Skip,

    /// <summary>Use the last good value of the failed source.</summary>
    Hold,

    /// <summary>Demand the configured fallback instead of deciding.</summary>
    Fallback,
}
