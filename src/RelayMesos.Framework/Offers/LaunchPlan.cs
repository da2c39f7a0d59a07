namespace RelayMesos.Framework.Offers;

/// <summary>
/// What to do with a batch of offers: the launches in placement order, the offers nothing was
/// taken from (to decline), how many wanted tasks found no place, and the constraints to blame.
/// </summary>
public sealed record LaunchPlan(
    IReadOnlyList<PlannedLaunch> Launches,
    IReadOnlyList<string> DeclinedOfferIds,
    int Unplaced,
    IReadOnlyList<UnsatisfiableConstraint> Unsatisfiable)
{
    /// <summary>The offers to accept, each once, in the order their first launch was planned.</summary>
    public IReadOnlyList<string> UsedOfferIds => Launches.Select(l => l.OfferId).Distinct(StringComparer.Ordinal).ToArray();
}
