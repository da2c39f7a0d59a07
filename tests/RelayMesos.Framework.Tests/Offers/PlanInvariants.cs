using System.Text.RegularExpressions;
using RelayMesos.Framework.Offers;

namespace RelayMesos.Framework.Tests.Offers;

/// <summary>What every launch plan must satisfy, checked from the outside against the scenario.</summary>
public static class PlanInvariants
{
    public static void LaunchesAtMostWanted(OfferScenario scenario, LaunchPlan plan)
    {
        Assert.InRange(plan.Launches.Count, 0, scenario.Wanted);
        Assert.Equal(scenario.Wanted - plan.Launches.Count, plan.Unplaced);
    }

    public static void NoOfferOverCommitted(OfferScenario scenario, LaunchPlan plan)
    {
        var offers = scenario.Offers.ToDictionary(o => o.OfferId);
        var requirement = scenario.Requirement;
        foreach (var launch in plan.Launches)
        {
            var offer = offers[launch.OfferId];
            Assert.Equal(offer.AgentId, launch.AgentId);
            Assert.Equal(offer.Hostname, launch.Hostname);
            foreach (var (name, amount) in requirement.Scalars.Where(s => s.Value > 0))
            {
                Assert.Equal(Thousandths(amount), Thousandths(launch.Scalars[name]));
            }

            foreach (var (name, count) in requirement.RangeCounts.Where(r => r.Value > 0))
            {
                var values = Expand(launch.Ranges[name]);
                Assert.Equal(count, values.Count);
                Assert.All(values, v => Assert.Contains(offer.Ranges[name], r => r.Contains(v)));
            }

            foreach (var (name, wanted) in requirement.Sets.Where(s => s.Value.Count > 0))
            {
                var items = launch.SetItems[name];
                Assert.Equal(wanted.Count, items.Count);
                Assert.All(items, item => Assert.Contains(item, offer.Sets[name]));
                if (wanted.Items.Count > 0)
                {
                    Assert.Equal(wanted.Items, items.Order(StringComparer.Ordinal));
                }
            }
        }

        foreach (var group in plan.Launches.GroupBy(l => l.OfferId))
        {
            var offer = offers[group.Key];
            foreach (var name in requirement.Scalars.Keys)
            {
                var used = group.Sum(l => Thousandths(l.Scalars.GetValueOrDefault(name)));
                Assert.True(
                    used <= Thousandths(offer.Scalars.GetValueOrDefault(name)),
                    $"offer {offer.OfferId} over-committed on {name}: {used} thousandths used");
            }

            foreach (var name in requirement.Sets.Keys)
            {
                var items = group.SelectMany(l => l.SetItems.GetValueOrDefault(name) ?? []).ToList();
                Assert.Equal(items.Count, items.Distinct().Count());
            }
        }

        foreach (var agent in plan.Launches.GroupBy(l => l.AgentId))
        {
            foreach (var name in requirement.RangeCounts.Keys)
            {
                var values = agent.SelectMany(l => Expand(l.Ranges.GetValueOrDefault(name) ?? [])).ToList();
                Assert.True(values.Count == values.Distinct().Count(), $"agent {agent.Key} got a {name} value twice");
            }
        }
    }

    public static void ConstraintsHold(OfferScenario scenario, LaunchPlan plan)
    {
        foreach (var constraint in scenario.Constraints)
        {
            string? ValueOf(string hostname, IReadOnlyDictionary<string, string> attributes) =>
                constraint.Field == "hostname" ? hostname : attributes.GetValueOrDefault(constraint.Field);

            var running = scenario.Running.Select(t => ValueOf(t.Hostname, t.Attributes)).ToList();
            var planned = plan.Launches.Select(l => ValueOf(l.Hostname, l.Attributes)).ToList();
            var regex = constraint.Value is null ? null : new Regex($"^(?:{constraint.Value})$");
            switch (constraint.Operator)
            {
                case ConstraintOperator.Unique or ConstraintOperator.MaxPer:
                    Assert.All(planned, v => Assert.NotNull(v));
                    foreach (var value in planned.Distinct())
                    {
                        var total = running.Count(v => v == value) + planned.Count(v => v == value);
                        Assert.True(total <= constraint.Limit, $"{constraint}: {total} tasks on {value}");
                    }

                    break;
                case ConstraintOperator.Cluster:
                    Assert.All(planned, v => Assert.Equal(constraint.Value, v));
                    break;
                case ConstraintOperator.Like:
                    Assert.All(planned, v => Assert.True(v is not null && regex!.IsMatch(v), $"{constraint} placed on {v}"));
                    break;
                case ConstraintOperator.Unlike:
                    Assert.All(planned, v => Assert.True(v is null || !regex!.IsMatch(v), $"{constraint} placed on {v}"));
                    break;
                case ConstraintOperator.GroupBy:
                    GroupsStayEven(constraint, scenario, running, planned);
                    break;
            }
        }
    }

    public static void DeclinedAreTheUnusedOffers(OfferScenario scenario, LaunchPlan plan)
    {
        var used = plan.Launches.Select(l => l.OfferId).ToHashSet();
        var unused = scenario.Offers.Select(o => o.OfferId).Where(id => !used.Contains(id)).Order(StringComparer.Ordinal);
        Assert.Equal(unused, plan.DeclinedOfferIds.Order(StringComparer.Ordinal));
        Assert.Equal(used.Order(StringComparer.Ordinal), plan.UsedOfferIds.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Replays the plan: each task must land on a value whose count does not exceed the minimum
    /// count over the known values (offered or running; unseen ones count 0 while fewer than the
    /// expected number of groups are known), so it never ends more than one above the minimum.
    /// </summary>
    private static void GroupsStayEven(
        PlacementConstraint constraint, OfferScenario scenario, List<string?> running, List<string?> planned)
    {
        var counts = new Dictionary<string, int>();
        foreach (var value in running.OfType<string>())
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        foreach (var offer in scenario.Offers)
        {
            var value = constraint.Field == "hostname" ? offer.Hostname : offer.Attributes.GetValueOrDefault(constraint.Field);
            if (value is not null)
            {
                counts.TryAdd(value, 0);
            }
        }

        var initialSpread = counts.Count == 0 ? 0 : counts.Values.Max() - counts.Values.Min();
        foreach (var value in planned)
        {
            Assert.NotNull(value);
            var minimum = counts.Count < constraint.Limit ? 0 : counts.Values.Min();
            Assert.True(counts[value] <= minimum, $"{constraint}: placed on {value} at {counts[value]} while the minimum is {minimum}");
            counts[value]++;
        }

        if (counts.Count > 0)
        {
            Assert.True(counts.Values.Max() - counts.Values.Min() <= Math.Max(1, initialSpread), $"{constraint} grew the imbalance");
        }
    }

    public static long Thousandths(double amount) => (long)Math.Round(amount * 1000, MidpointRounding.AwayFromZero);

    public static List<ulong> Expand(IEnumerable<ValueRange> ranges) =>
        ranges.SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => r.Begin + (ulong)i)).ToList();
}
