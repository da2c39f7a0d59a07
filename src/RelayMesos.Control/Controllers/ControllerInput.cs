namespace RelayMesos.Control.Controllers;

/// <summary>
/// One sample plus what the framework knows about its own tasks at that moment.
/// In-flight tasks are launched but not yet effective (staging, starting, or within the effect delay).
/// </summary>
/// <param name="Target">The set point SP.</param>
/// <param name="Metric">The process variable PV.</param>
/// <param name="At">When the sample was taken; cooldowns and stabilisation windows are measured on it.</param>
/// <param name="RunningWarmers">Warmer tasks running and already effective.</param>
/// <param name="InFlightWarmers">Warmer tasks launched but not yet effective.</param>
/// <param name="RunningCoolers">Cooler tasks running and already effective.</param>
/// <param name="InFlightCoolers">Cooler tasks launched but not yet effective.</param>
/// <param name="Starved">The previous demand could not be launched (no usable offers).</param>
/// <param name="Inflow">
/// What arrives on its own, in metric units per second, raising the metric (a queue's arrival rate), when the loop has
/// an inflow source; null without one. <c>relay</c> answers it by feed-forward in run-to-completion mode.
/// </param>
public sealed record ControllerInput(
    double Target,
    double Metric,
    DateTimeOffset At,
    int RunningWarmers = 0,
    int InFlightWarmers = 0,
    int RunningCoolers = 0,
    int InFlightCoolers = 0,
    bool Starved = false,
    double? Inflow = null)
{
    public double Error => Target - Metric;
}
