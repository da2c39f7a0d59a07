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
    /// No longer decided (it worked around offer filters that an ACCEPT left on its offers' remainder; the ACCEPT now
    /// refuses nothing). Kept so that decisions journaled by earlier versions still read.
    /// </summary>
    Reask,
}
