using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Framework.Offers;

namespace RelayMesos.Framework.Tests.Offers;

public sealed class OfferMatcherPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static void ForAll(Gen<OfferScenario> scenarios, Action<OfferScenario, LaunchPlan> check) =>
        Check.One(Config, Prop.ForAll(scenarios.ToArbitrary(), (OfferScenario scenario) => check(scenario, scenario.Plan())));

    [Fact]
    public void Never_launches_more_than_wanted() =>
        ForAll(OfferScenarios.Any(), PlanInvariants.LaunchesAtMostWanted);

    [Fact]
    public void Never_over_commits_an_offer_and_keeps_ports_distinct_per_agent() =>
        ForAll(OfferScenarios.Any(), PlanInvariants.NoOfferOverCommitted);

    [Fact]
    public void Every_constraint_holds_over_running_and_planned_tasks() =>
        ForAll(OfferScenarios.Any(), PlanInvariants.ConstraintsHold);

    [Fact]
    public void Declines_exactly_the_offers_nothing_was_planned_on() =>
        ForAll(OfferScenarios.Any(), PlanInvariants.DeclinedAreTheUnusedOffers);

    [Fact]
    public void The_same_offers_in_any_order_give_the_same_plan() =>
        ForAll(OfferScenarios.Any(), (scenario, plan) =>
        {
            var reversed = scenario with { Offers = scenario.Offers.Reverse().ToArray() };
            Assert.Equal(Render(plan), Render(reversed.Plan()));
            Assert.Equal(Render(plan), Render(scenario.Plan()));
        });

    [Fact]
    public void Without_constraints_launches_wanted_or_every_task_that_fits() =>
        ForAll(OfferScenarios.Any(withConstraints: false, agentPerOffer: true), (scenario, plan) =>
        {
            var capacity = scenario.Offers.Sum(o => Capacity(o, scenario.Requirement));
            Assert.Equal(Math.Min(scenario.Wanted, capacity), plan.Launches.Count);
            Assert.Empty(plan.Unsatisfiable);
        });

    [Fact]
    public void Without_constraints_spreads_over_offers_before_piling_on_one() =>
        ForAll(OfferScenarios.Any(withConstraints: false, agentPerOffer: true), (scenario, plan) =>
        {
            var launched = scenario.Offers.ToDictionary(o => o.OfferId, o => plan.Launches.Count(l => l.OfferId == o.OfferId));
            foreach (var light in scenario.Offers)
            {
                var roomLeft = Capacity(light, scenario.Requirement) > launched[light.OfferId];
                if (roomLeft)
                {
                    Assert.All(launched.Values, count => Assert.True(
                        count <= launched[light.OfferId] + 1,
                        $"an offer got {count} tasks while {light.OfferId} got {launched[light.OfferId]} and had room"));
                }
            }
        });

    /// <summary>How many tasks fit in the offer on its own, counted independently of the matcher.</summary>
    private static int Capacity(AgentOffer offer, TaskRequirement requirement)
    {
        var fits = new List<long>();
        foreach (var (name, amount) in requirement.Scalars.Where(s => PlanInvariants.Thousandths(s.Value) > 0))
        {
            fits.Add(PlanInvariants.Thousandths(offer.Scalars.GetValueOrDefault(name)) / PlanInvariants.Thousandths(amount));
        }

        foreach (var (name, count) in requirement.RangeCounts.Where(r => r.Value > 0))
        {
            var distinct = PlanInvariants.Expand(offer.Ranges.GetValueOrDefault(name) ?? []).Distinct().Count();
            fits.Add(distinct / count);
        }

        foreach (var (name, wanted) in requirement.Sets.Where(s => s.Value.Count > 0))
        {
            var offered = offer.Sets.GetValueOrDefault(name) ?? new HashSet<string>();
            fits.Add(wanted.Items.Count == 0 ? offered.Count / wanted.Count : wanted.Items.All(offered.Contains) ? 1 : 0);
        }

        return (int)fits.Min();
    }

    private static string Render(LaunchPlan plan) =>
        string.Join(';', plan.Launches.Select(l =>
            $"{l.OfferId}:{string.Join(',', l.Scalars.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))}" +
            $":{string.Join(',', l.Ranges.OrderBy(r => r.Key).Select(r => $"{r.Key}={string.Join('+', r.Value)}"))}" +
            $":{string.Join(',', l.SetItems.OrderBy(s => s.Key).Select(s => $"{s.Key}={string.Join('+', s.Value)}"))}")) +
        $"|declined={string.Join(',', plan.DeclinedOfferIds)}|unplaced={plan.Unplaced}" +
        $"|{string.Join(',', plan.Unsatisfiable.Select(u => $"{u.Constraint}:{u.Reason}"))}";
}
