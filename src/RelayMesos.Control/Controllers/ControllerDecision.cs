namespace RelayMesos.Control.Controllers;

/// <summary>
/// One step's outcome. <see cref="Mv"/> &gt; 0 launches warmers, &lt; 0 launches coolers
/// (or, in long-running mode, kills warmers). <see cref="ExitCode"/> is set when the stop condition fired.
/// </summary>
public sealed record ControllerDecision(
    int Mv,
    double Error,
    double Weight,
    double WindowMean,
    DecisionReason Reason,
    int? ExitCode = null);
