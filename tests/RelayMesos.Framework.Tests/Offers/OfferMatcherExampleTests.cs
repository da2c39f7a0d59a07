using RelayMesos.Framework.Offers;
using static RelayMesos.Framework.Tests.Offers.TestOffers;

namespace RelayMesos.Framework.Tests.Offers;

public sealed class OfferMatcherExampleTests
{
    private static readonly TaskRequirement SmallTask = TaskRequirement.Of(cpus: 0.5, memMb: 128);

    private static readonly AgentOffer[] ThreeHosts = [Offer("o1", "h1"), Offer("o2", "h2"), Offer("o3", "h3")];

    private static LaunchPlan Plan(
        IReadOnlyList<AgentOffer> offers, int wanted, string[]? constraints = null, RunningTask[]? running = null, TaskRequirement? task = null) =>
        OfferMatcher.Plan(offers, task ?? SmallTask, wanted, PlacementConstraintParser.ParseAll(constraints ?? []), running ?? []);

    private static Dictionary<string, int> PerHost(LaunchPlan plan) =>
        plan.Launches.GroupBy(l => l.Hostname).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Max_per_two_over_three_hosts_scaling_to_six_puts_two_on_each_host()
    {
        var plan = Plan(ThreeHosts, 6, ["hostname:MAX_PER:2"]);

        Assert.Equal(new Dictionary<string, int> { ["h1"] = 2, ["h2"] = 2, ["h3"] = 2 }, PerHost(plan));
        Assert.Equal(0, plan.Unplaced);
        Assert.Empty(plan.Unsatisfiable);
    }

    [Fact]
    public void Max_per_two_over_three_hosts_leaves_a_seventh_task_unplaced_and_says_why()
    {
        var plan = Plan(ThreeHosts, 7, ["hostname:MAX_PER:2"]);

        Assert.Equal(6, plan.Launches.Count);
        Assert.Equal(1, plan.Unplaced);
        var blocked = Assert.Single(plan.Unsatisfiable);
        Assert.Equal(UnsatisfiableReason.BlockedByCurrentOffers, blocked.Reason);
        Assert.Contains("hostname:MAX_PER:2", blocked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_per_counts_tasks_already_running()
    {
        var plan = Plan(ThreeHosts, 6, ["hostname:MAX_PER:2"], [Running("t1", "h1"), Running("t2", "h1"), Running("t3", "h2")]);

        Assert.Equal(new Dictionary<string, int> { ["h2"] = 1, ["h3"] = 2 }, PerHost(plan));
        Assert.Equal(["o1"], plan.DeclinedOfferIds);
    }

    [Fact]
    public void Unique_hostname_places_one_task_per_host()
    {
        var plan = Plan(ThreeHosts, 5, ["hostname:UNIQUE"]);

        Assert.Equal(new Dictionary<string, int> { ["h1"] = 1, ["h2"] = 1, ["h3"] = 1 }, PerHost(plan));
        Assert.Equal(2, plan.Unplaced);
    }

    [Fact]
    public void Group_by_rack_evens_out_uneven_racks_within_one()
    {
        AgentOffer[] offers =
        [
            Offer("o1", "h1", rack: "r0"), Offer("o2", "h2", rack: "r0"), Offer("o3", "h3", rack: "r0"),
            Offer("o4", "h4", rack: "r0"), Offer("o5", "h5", rack: "r1"), Offer("o6", "h6", rack: "r1"),
            Offer("o7", "h7", rack: "r2"),
        ];
        RunningTask[] running = [Running("t1", "h1", "r0"), Running("t2", "h2", "r0")];

        var plan = Plan(offers, 8, ["rack:GROUP_BY"], running);

        var perRack = plan.Launches.Select(l => l.Attributes["rack"]).Concat(running.Select(t => t.Attributes["rack"]))
            .GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(8, plan.Launches.Count);
        Assert.Equal(new Dictionary<string, int> { ["r0"] = 4, ["r1"] = 3, ["r2"] = 3 }, perRack);
    }

    [Fact]
    public void Group_by_with_an_expected_group_count_waits_for_the_missing_groups()
    {
        AgentOffer[] offers = [Offer("o1", "h1", rack: "r0"), Offer("o2", "h2", rack: "r1")];

        var plan = Plan(offers, 4, ["rack:GROUP_BY:3"]);

        Assert.Equal(2, plan.Launches.Count);
        Assert.Equal(UnsatisfiableReason.BlockedByCurrentOffers, Assert.Single(plan.Unsatisfiable).Reason);
    }

    [Fact]
    public void Cluster_on_a_value_nobody_has_is_reported_with_the_values_seen()
    {
        AgentOffer[] offers = [Offer("o1", "h1", rack: "r0"), Offer("o2", "h2", rack: "r1")];

        var plan = Plan(offers, 2, ["rack:CLUSTER:r9"]);

        Assert.Empty(plan.Launches);
        Assert.Equal(["o1", "o2"], plan.DeclinedOfferIds);
        var problem = Assert.Single(plan.Unsatisfiable);
        Assert.Equal(UnsatisfiableReason.NoAdmissibleValue, problem.Reason);
        Assert.Contains("rack:CLUSTER:r9", problem.Message, StringComparison.Ordinal);
        Assert.Contains("r0, r1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_on_a_value_only_a_running_task_has_is_merely_blocked_for_now()
    {
        var plan = Plan([Offer("o1", "h1", rack: "r0")], 1, ["rack:CLUSTER:r9"], [Running("t1", "h9", "r9")]);

        Assert.Equal(UnsatisfiableReason.BlockedByCurrentOffers, Assert.Single(plan.Unsatisfiable).Reason);
    }

    [Fact]
    public void A_constraint_on_an_attribute_no_agent_has_is_reported_as_never_seen()
    {
        var plan = Plan([Offer("o1", "h1", rack: "r0")], 1, ["dc:CLUSTER:east"]);

        var problem = Assert.Single(plan.Unsatisfiable);
        Assert.Equal(UnsatisfiableReason.AttributeNeverSeen, problem.Reason);
        Assert.Contains("'dc'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Like_places_only_on_full_matches_and_reports_a_regex_nothing_matches()
    {
        var partial = Plan(ThreeHosts, 3, ["hostname:LIKE:h[12]"]);
        var none = Plan(ThreeHosts, 3, ["hostname:LIKE:h"]);

        Assert.Equal(["h1", "h2"], PerHost(partial).Keys.Order());
        Assert.Equal(3, partial.Launches.Count);
        Assert.Empty(partial.Unsatisfiable);
        Assert.Equal(UnsatisfiableReason.NoAdmissibleValue, Assert.Single(none.Unsatisfiable).Reason);
    }

    [Fact]
    public void Unlike_admits_agents_without_the_attribute()
    {
        AgentOffer[] offers = [Offer("o1", "h1", rack: "r0"), Offer("o2", "h2"), Offer("o3", "h3", rack: "r1")];

        var plan = Plan(offers, 2, ["rack:UNLIKE:r0"]);

        Assert.Equal(["o2", "o3"], plan.Launches.Select(l => l.OfferId));
    }

    [Fact]
    public void Packs_several_tasks_into_one_offer_without_floating_point_over_commit()
    {
        var plan = Plan([Offer("o1", "h1", cpus: 0.3, mem: 1024)], 5, task: TaskRequirement.Of(cpus: 0.1, memMb: 100));

        Assert.Equal(3, plan.Launches.Count);
        Assert.Empty(plan.DeclinedOfferIds);
        Assert.Empty(plan.Unsatisfiable);
    }

    [Fact]
    public void Spreads_over_agents_before_stacking()
    {
        var plan = Plan(ThreeHosts, 4);

        Assert.Equal(["o1", "o2", "o3", "o1"], plan.Launches.Select(l => l.OfferId));
    }

    [Fact]
    public void Allocates_concrete_distinct_ports_even_from_overlapping_offers_of_one_agent()
    {
        AgentOffer[] offers =
        [
            Offer("o1", "h1", agent: "a1", ports: [new ValueRange(31000, 31002)]),
            Offer("o2", "h1", agent: "a1", ports: [new ValueRange(31001, 31004)]),
        ];

        var plan = Plan(offers, 5, task: TaskRequirement.Of(cpus: 0.5, memMb: 128, ports: 2));

        Assert.Equal(2, plan.Launches.Count);
        Assert.Equal([31000ul, 31001ul], plan.Launches[0].Ports);
        Assert.Equal([31003ul, 31004ul], plan.Launches[1].Ports);
    }

    [Fact]
    public void Takes_set_items_by_count_or_by_name()
    {
        var offer = Offer("o1", "h1") with
        {
            Sets = new Dictionary<string, IReadOnlySet<string>> { ["gpu-ids"] = new HashSet<string> { "g2", "g0", "g1" } },
        };
        var anyTwo = new TaskRequirement(
            new Dictionary<string, double> { ["cpus"] = 1 }, sets: new Dictionary<string, SetRequirement> { ["gpu-ids"] = SetRequirement.AnyOf(2) });
        var named = new TaskRequirement(
            new Dictionary<string, double> { ["cpus"] = 1 }, sets: new Dictionary<string, SetRequirement> { ["gpu-ids"] = SetRequirement.AllOf(["g1"]) });

        var byCount = Plan([offer], 3, task: anyTwo);
        var byName = Plan([offer], 3, task: named);

        Assert.Equal(["g0", "g1"], Assert.Single(byCount.Launches).SetItems["gpu-ids"]);
        Assert.Equal(["g1"], Assert.Single(byName.Launches).SetItems["gpu-ids"]);
    }

    [Fact]
    public void Wanting_nothing_declines_every_offer()
    {
        var plan = Plan(ThreeHosts, 0, ["rack:CLUSTER:r9"]);

        Assert.Empty(plan.Launches);
        Assert.Equal(["o1", "o2", "o3"], plan.DeclinedOfferIds);
        Assert.Empty(plan.Unsatisfiable);
    }

    [Fact]
    public void Rejects_bad_input_with_a_clear_error()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Plan(ThreeHosts, -1));
        var duplicate = Assert.Throws<ArgumentException>(() => Plan([Offer("o1", "h1"), Offer("o1", "h2")], 1));
        var badOffer = Assert.Throws<ArgumentException>(() => Plan([Offer("o1", "h1", cpus: double.NaN)], 1));
        var badTask = Assert.Throws<ArgumentException>(() => TaskRequirement.Of(cpus: -1, memMb: 128));

        Assert.Equal("wanted", negative.ParamName);
        Assert.Contains("'o1' appears more than once", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("'cpus'", badOffer.Message, StringComparison.Ordinal);
        Assert.Contains("'cpus'", badTask.Message, StringComparison.Ordinal);
    }
}
