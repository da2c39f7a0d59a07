namespace RelayMesos.Control.Controllers;

/// <summary>Built-in replacements for Relay's <c>--stop_condition</c> plugin functions.</summary>
public enum StopConditionKind
{
    None,

    /// <summary>|err| ≤ tolerance for <c>steps</c> consecutive steps.</summary>
    Settled,

    /// <summary>|err| grew on each of <c>steps</c> consecutive steps.</summary>
    Diverging,

    /// <summary>Relay's <c>stop_if_mostly_diverging</c>: |err| grew between more than half of the window's neighbours.</summary>
    MostlyDiverging,
}
