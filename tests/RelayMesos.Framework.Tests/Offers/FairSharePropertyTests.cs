using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Framework.Offers;

namespace RelayMesos.Framework.Tests.Offers;

public sealed class FairSharePropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>2-4 loops on one batch of offers: the first scenario's offers, each scenario's task, demand, constraints and tasks.</summary>
    private static Gen<Loops> AnyLoops(bool withConstraints = true, bool sameTask = false) =>
        from count in Gen.Choose(2, 4)
        from scenarios in Gen.CollectToArray(Enumerable.Range(0, count), _ => OfferScenarios.Any(withConstraints))
        select new Loops(
            scenarios[0].Offers,
            scenarios.Select((s, i) => new LoopWant(
                $"loop-{i}", sameTask ? scenarios[0].Requirement : s.Requirement, s.Wanted, s.Constraints,
                withConstraints ? s.Running : [])).ToArray());

    private static void ForAll(Gen<Loops> loops, Action<Loops, FairSharePlan> check) =>
        Check.One(Config, Prop.ForAll(loops.ToArbitrary(), (Loops l) => check(l, FairShare.Plan(l.Offers, l.Wants))));

    [Fact]
    public void Each_loop_gets_at_most_what_it_wants_and_the_rest_is_unplaced() =>
        ForAll(AnyLoops(), (loops, plan) =>
        {
            foreach (var want in loops.Wants.Where(w => w.Wanted > 0))
            {
                PlanInvariants.LaunchesAtMostWanted(loops.Scenario(want), plan.Plans[want.Loop]);
            }

            Assert.All(plan.Plans.Keys, loop => Assert.True(loops.Wants.Single(w => w.Loop == loop).Wanted > 0));
        });

    [Fact]
    public void Every_loops_launches_fit_its_task_and_its_constraints() =>
        ForAll(AnyLoops(), (loops, plan) =>
        {
            foreach (var (loop, loopPlan) in plan.Plans)
            {
                var scenario = loops.Scenario(loops.Wants.Single(w => w.Loop == loop));
                PlanInvariants.NoOfferOverCommitted(scenario, loopPlan with { DeclinedOfferIds = [] });
                PlanInvariants.ConstraintsHold(scenario, loopPlan);
            }
        });

    [Fact]
    public void No_offer_gives_more_than_it_has_to_all_loops_together() =>
        ForAll(AnyLoops(), (loops, plan) =>
        {
            var launches = plan.Plans.Values.SelectMany(p => p.Launches).ToList();
            foreach (var offer in loops.Offers)
            {
                var taken = launches.Where(l => l.OfferId == offer.OfferId).ToList();
                foreach (var (name, amount) in offer.Scalars)
                {
                    Assert.True(
                        taken.Sum(l => PlanInvariants.Thousandths(l.Scalars.GetValueOrDefault(name))) <= PlanInvariants.Thousandths(amount),
                        $"{offer.OfferId} gives more {name} than its {amount}");
                }

                var items = taken.SelectMany(l => l.SetItems.Values.SelectMany(v => v)).ToList();
                Assert.Equal(items.Count, items.Distinct().Count());
            }

            // A port is taken once per agent, by whichever loop.
            foreach (var agent in launches.GroupBy(l => l.AgentId))
            {
                var ports = agent.SelectMany(l => PlanInvariants.Expand(l.Ranges.GetValueOrDefault(ResourceNames.Ports) ?? [])).ToList();
                Assert.Equal(ports.Count, ports.Distinct().Count());
            }
        });

    [Fact]
    public void Declines_exactly_the_offers_no_loop_took_anything_from() =>
        ForAll(AnyLoops(), (loops, plan) =>
        {
            var used = plan.Plans.Values.SelectMany(p => p.Launches).Select(l => l.OfferId).ToHashSet();
            Assert.Equal(loops.Offers.Select(o => o.OfferId).Where(id => !used.Contains(id)).Order(), plan.DeclinedOfferIds.Order());
        });

    [Fact]
    public void With_one_task_shape_a_loop_left_wanting_has_within_one_task_of_every_other() =>
        ForAll(AnyLoops(withConstraints: false, sameTask: true), (loops, plan) =>
        {
            var launched = loops.Wants.ToDictionary(w => w.Loop, w => plan.Plans.GetValueOrDefault(w.Loop)?.Launches.Count ?? 0);
            foreach (var short_ in loops.Wants.Where(w => launched[w.Loop] < w.Wanted))
            {
                Assert.All(launched, other => Assert.True(
                    other.Value <= launched[short_.Loop] + 1,
                    $"{other.Key} got {other.Value} while {short_.Loop} got {launched[short_.Loop]} of {short_.Wanted}"));
            }
        });

    [Fact]
    public void Without_constraints_a_loop_left_wanting_fits_nowhere_in_what_is_left() =>
        ForAll(AnyLoops(withConstraints: false), (loops, plan) =>
        {
            var left = loops.Offers.ToDictionary(o => o.OfferId);
            foreach (var launch in plan.Plans.Values.SelectMany(p => p.Launches))
            {
                FairShare.Take(left, launch);
            }

            foreach (var want in loops.Wants.Where(w => w.Wanted > 0 && plan.Plans[w.Loop].Launches.Count < w.Wanted))
            {
                Assert.Empty(OfferMatcher.Plan(left.Values.ToList(), want.Requirement, 1, [], []).Launches);
            }
        });

    [Fact]
    public void One_loop_wanting_is_planned_exactly_as_the_offer_matcher_plans_it() =>
        ForAll(AnyLoops(), (loops, plan) =>
        {
            var only = loops.Wants[0];
            var alone = FairShare.Plan(loops.Offers, [only, .. loops.Wants.Skip(1).Select(w => w with { Wanted = 0 })]);
            var matcher = OfferMatcher.Plan(loops.Offers, only.Requirement, only.Wanted, only.Constraints, only.Running);
            Assert.Equal(matcher.DeclinedOfferIds, alone.DeclinedOfferIds);
            if (only.Wanted > 0)
            {
                Assert.Equal(Render(matcher.Launches), Render(alone.Plans[only.Loop].Launches));
            }
        });

    [Fact]
    public void A_loop_that_already_holds_more_tasks_gets_the_scarce_one_last()
    {
        var offer = TestOffers.Offer("o1", "h1", cpus: 1, mem: 1024);
        var requirement = TaskRequirement.Of(cpus: 0.5, memMb: 64);
        LoopWant Want(string loop, int running) =>
            new(loop, requirement, 5, [], Enumerable.Range(0, running).Select(i => TestOffers.Running($"{loop}-{i}", "h9")).ToArray());

        var plan = FairShare.Plan([offer], [Want("a", running: 3), Want("b", running: 0)]);

        Assert.Empty(plan.Plans["a"].Launches);
        Assert.Equal(2, plan.Plans["b"].Launches.Count);
    }

    private static IEnumerable<string> Render(IEnumerable<PlannedLaunch> launches) =>
        launches.Select(l => $"{l.OfferId} {string.Join(',', l.Scalars.Select(s => $"{s.Key}={s.Value}"))} {string.Join(',', l.Ports)} {string.Join(',', l.SetItems.SelectMany(s => s.Value))}");

    public sealed record Loops(IReadOnlyList<AgentOffer> Offers, IReadOnlyList<LoopWant> Wants)
    {
        public OfferScenario Scenario(LoopWant want) => new(Offers, want.Requirement, want.Wanted, want.Constraints, want.Running);

        public override string ToString() =>
            string.Join("\n", Wants.Select(w => $"{w.Loop}: {Scenario(w)}"));
    }
}
