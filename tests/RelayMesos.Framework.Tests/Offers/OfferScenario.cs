using RelayMesos.Framework.Offers;

namespace RelayMesos.Framework.Tests.Offers;

/// <summary>One input to <see cref="OfferMatcher.Plan"/>, printable when a property fails.</summary>
public sealed record OfferScenario(
    IReadOnlyList<AgentOffer> Offers,
    TaskRequirement Requirement,
    int Wanted,
    IReadOnlyList<PlacementConstraint> Constraints,
    IReadOnlyList<RunningTask> Running)
{
    public LaunchPlan Plan() => OfferMatcher.Plan(Offers, Requirement, Wanted, Constraints, Running);

    public override string ToString()
    {
        var offers = Offers.Select(o =>
            $"  {o.OfferId} {o.AgentId}/{o.Hostname} [{string.Join(' ', o.Attributes.Select(a => $"{a.Key}={a.Value}"))}] " +
            $"{string.Join(' ', o.Scalars.Select(s => $"{s.Key}={s.Value}"))} " +
            $"{string.Join(' ', o.Ranges.Select(r => $"{r.Key}={string.Join(',', r.Value)}"))} " +
            $"{string.Join(' ', o.Sets.Select(s => $"{s.Key}={{{string.Join(',', s.Value)}}}"))}");
        var requirement =
            $"{string.Join(' ', Requirement.Scalars.Select(s => $"{s.Key}={s.Value}"))} " +
            $"{string.Join(' ', Requirement.RangeCounts.Select(r => $"{r.Key}×{r.Value}"))} " +
            $"{string.Join(' ', Requirement.Sets.Select(s => $"{s.Key}:{s.Value.Count}[{string.Join(',', s.Value.Items)}]"))}";
        return $"wanted={Wanted} task=({requirement}) constraints=[{string.Join(", ", Constraints)}]\n" +
            $" running=[{string.Join(", ", Running.Select(t => t.Hostname))}]\n" +
            string.Join('\n', offers);
    }
}
