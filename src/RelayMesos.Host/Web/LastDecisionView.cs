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
    public static LastDecisionView Seen(DecisionMade d) => new(
        d.Step, d.Input.At, d.Input.Metric, d.Input.Target, d.Decision.Error, d.Decision.Mv, d.Decision.Reason.ToString(), d.Launching,
        d.Input.RunningWarmers + d.Input.RunningCoolers, d.Input.InFlightWarmers + d.Input.InFlightCoolers, Recovered: false);
}
