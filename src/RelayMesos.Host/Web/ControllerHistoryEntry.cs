using RelayMesos.Control.Controllers;

namespace RelayMesos.Host.Web;

/// <summary>
/// One line of controller history as the API shows it: a step (<c>Kind = "step"</c>) or an operator change
/// (<c>paused</c>, <c>resumed</c>, <c>target-overridden</c>). <c>Source</c> says whether it came from the journal or
/// from this process' memory of recent decisions.
/// </summary>
public sealed record ControllerHistoryEntry(
    string Kind,
    long Step,
    DateTimeOffset? At,
    double? Pv,
    double? Sp,
    double? Error,
    int? Mv,
    string? Reason,
    int? Running,
    int? InFlight,
    int? Launching,
    double? TargetOverride,
    string Source)
{
    /// <summary>A controller step: what it read and what it decided.</summary>
    public static ControllerHistoryEntry Stepped(
        long step, ControllerInput input, ControllerDecision decision, int? launching, double? targetOverride, string source) => new(
        "step", step, input.At, input.Metric, input.Target, decision.Error, decision.Mv, decision.Reason.ToString(),
        input.RunningWarmers + input.RunningCoolers, input.InFlightWarmers + input.InFlightCoolers, launching, targetOverride, source);

    /// <summary>An operator's pause, resume or target override, after step <paramref name="step"/>.</summary>
    public static ControllerHistoryEntry OperatorChange(string kind, long step, DateTimeOffset at, double? targetOverride, string source) =>
        new(kind, step, at, null, null, null, null, null, null, null, null, targetOverride, source);
}
