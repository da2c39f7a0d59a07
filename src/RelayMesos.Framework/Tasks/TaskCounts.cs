namespace RelayMesos.Framework.Tasks;

/// <summary>
/// The controller's view of our tasks: "running" ones already affect the metric; "in flight" ones
/// are launched but not yet effective (staging, starting, or running for less than the effect delay).
/// Tasks being killed count as neither: their heat is already on its way out.
/// </summary>
public sealed record TaskCounts(int RunningWarmers, int InFlightWarmers, int RunningCoolers, int InFlightCoolers)
{
    public static TaskCounts None { get; } = new(0, 0, 0, 0);
}
