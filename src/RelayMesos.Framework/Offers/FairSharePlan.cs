namespace RelayMesos.Framework.Offers;

/// <summary>What one batch of offers gives each loop, and the offers nothing was taken from (to decline).</summary>
/// <param name="Plans">Each wanting loop's launches (in placement order), unplaced count and constraints to blame; its declined offers are empty.</param>
public sealed record FairSharePlan(IReadOnlyDictionary<string, LaunchPlan> Plans, IReadOnlyList<string> DeclinedOfferIds);
