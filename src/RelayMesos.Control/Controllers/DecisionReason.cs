namespace RelayMesos.Control.Controllers;

/// <summary>Why a step produced the MV it did (shown in the UI and the trace).</summary>
public enum DecisionReason
{
    Ramp,
    ControlLaw,
    Deadband,
    InFlight,
    Cooldown,
    Clamped,
    Bounded,
    WithinTolerance,

    /// <summary>The law pointed against the present error; the step does nothing instead.</summary>
    AgainstError,

    /// <summary>Only the stream of tasks that cancels the metric's own drift (run-to-completion).</summary>
    Drift,

    /// <summary>
    /// Run-to-completion: the demand went unmet step after step while the cluster had room; this step asks nothing, so
    /// that the next demand is asked afresh (the framework SUPPRESSes, then REVIVEs, which clears the offer filters
    /// that held the demand back).
    /// </summary>
    Reask,
}
