using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Web;

/// <summary>
/// The controller's newest step as <c>/api/status</c> shows it: one this instance saw made (<c>Recovered</c> false), or
/// the newest journaled step (<c>Recovered</c> true) while a new leader has not stepped yet.
/// </summary>
public sealed record LastDecisionView(
    long Step,
    DateTimeOffset? At,
    double? Pv,
    double? Sp,
    double? Error,
    int? Mv,
    string? Reason,
    int? Launching,
    int? Running,
    int? InFlight,
    bool Recovered)
{
    /// <summary>A step this instance saw made.</summary>
    public static LastDecisionView Seen(DecisionMade d) =>
        Of(ControllerHistoryEntry.Stepped(d.Step, d.Input, d.Decision, d.Launching, targetOverride: null, "memory"), recovered: false);

    /// <summary>A step of the history, journaled (<paramref name="recovered"/>) or seen.</summary>
    public static LastDecisionView Of(ControllerHistoryEntry step, bool recovered) => new(
        step.Step, step.At, step.Pv, step.Sp, step.Error, step.Mv, step.Reason, step.Launching, step.Running, step.InFlight, recovered);
}
