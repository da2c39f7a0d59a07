namespace RelayMesos.Framework.Offers;

/// <summary>
/// One loop's unmet demand as the offer planner sees it: its task's resources and constraints, how many it still wants,
/// and its tasks that run or are being launched (what its constraints count, and how much it holds already).
/// </summary>
public sealed record LoopWant(
    string Loop,
    TaskRequirement Requirement,
    int Wanted,
    IReadOnlyList<PlacementConstraint> Constraints,
    IReadOnlyList<RunningTask> Running);
