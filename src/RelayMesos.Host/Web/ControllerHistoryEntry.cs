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
    string Source);
