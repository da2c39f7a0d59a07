namespace RelayMesos.Framework.Offers;

/// <summary>
/// Shares one batch of offers between loops. The rule, written down because operators depend on it: offers are filled
/// one task at a time, each to the loop with unmet demand that holds the fewest of our tasks (running and launching,
/// counting those placed in this batch; ties by loop name). A loop whose next task fits no remaining offer leaves the
/// batch; a loop with no unmet demand (satisfied, or at its max-instances) takes nothing. So scarce capacity is shared
/// max-min fairly in tasks, no loop starves while another grows, and one loop's big or unplaceable task blocks no other.
/// Pure: the same offers and wants give the same plan.
/// </summary>
/// <remarks>
/// With one wanting loop this is <see cref="OfferMatcher.Plan"/> itself, which spreads that loop's tasks round-robin
/// over the offers. Between several loops, tasks are packed into the first offer (by id) that fits; spreading is the
/// job of each loop's placement constraints.
/// </remarks>
public static class FairShare
{
    public static FairSharePlan Plan(IReadOnlyList<AgentOffer> offers, IReadOnlyList<LoopWant> wants)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(wants);
        var wanting = wants.Where(w => w.Wanted > 0).ToList();
        if (wanting.Count <= 1)
        {
            return Single(offers, wanting);
        }

        var left = offers.ToDictionary(o => o.OfferId, StringComparer.Ordinal);
        var shares = wanting.ToDictionary(w => w.Loop, w => new Share(w), StringComparer.Ordinal);
        var active = new SortedSet<Share>(shares.Values, Share.FewestHeldFirst);
        while (active.Count > 0)
        {
            var share = active.Min!;
            active.Remove(share);
            var plan = OfferMatcher.Plan(left.Values.ToList(), share.Want.Requirement, 1, share.Want.Constraints, share.Placements);
            if (plan.Launches.Count == 0)
            {
                share.Unsatisfiable = plan.Unsatisfiable;
                continue;
            }

            var launch = plan.Launches[0];
            Take(left, launch);
            share.Add(launch);
            if (share.Launches.Count < share.Want.Wanted)
            {
                active.Add(share);
            }
        }

        var used = shares.Values.SelectMany(s => s.Launches).Select(l => l.OfferId).ToHashSet(StringComparer.Ordinal);
        return new FairSharePlan(
            shares.ToDictionary(s => s.Key, s => s.Value.ToPlan(), StringComparer.Ordinal),
            offers.Select(o => o.OfferId).Where(id => !used.Contains(id)).Order(StringComparer.Ordinal).ToList());
    }

    private static FairSharePlan Single(IReadOnlyList<AgentOffer> offers, List<LoopWant> wanting)
    {
        if (wanting.Count == 0)
        {
            return new FairSharePlan(new Dictionary<string, LaunchPlan>(StringComparer.Ordinal), offers.Select(o => o.OfferId).ToList());
        }

        var want = wanting[0];
        var plan = OfferMatcher.Plan(offers, want.Requirement, want.Wanted, want.Constraints, want.Running);
        return new FairSharePlan(
            new Dictionary<string, LaunchPlan>(StringComparer.Ordinal) { [want.Loop] = plan with { DeclinedOfferIds = [] } },
            plan.DeclinedOfferIds);
    }

    /// <summary>
    /// The offers left after <paramref name="launch"/>: its offer less what it takes, and its ports (range values) gone from
    /// every offer of its agent, which may offer the same values twice.
    /// </summary>
    internal static void Take(Dictionary<string, AgentOffer> left, PlannedLaunch launch)
    {
        foreach (var offer in left.Values.Where(o => o.AgentId == launch.AgentId).ToList())
        {
            left[offer.OfferId] = Remove(offer, launch, own: offer.OfferId == launch.OfferId);
        }
    }

    private static AgentOffer Remove(AgentOffer offer, PlannedLaunch launch, bool own) =>
        offer with
        {
            Scalars = !own ? offer.Scalars : offer.Scalars.ToDictionary(
                s => s.Key,
                s => launch.Scalars.TryGetValue(s.Key, out var taken)
                    ? ScalarUnits.FromThousandths(ScalarUnits.ToThousandths(s.Value) - ScalarUnits.ToThousandths(taken))
                    : s.Value,
                StringComparer.Ordinal),
            Ranges = offer.Ranges.ToDictionary(
                r => r.Key,
                r => launch.Ranges.TryGetValue(r.Key, out var taken)
                    ? (IReadOnlyList<ValueRange>)RangeArithmetic.Subtract(RangeArithmetic.Normalize(r.Value), RangeArithmetic.Normalize(taken))
                    : r.Value,
                StringComparer.Ordinal),
            Sets = !own ? offer.Sets : offer.Sets.ToDictionary(
                s => s.Key,
                s => launch.SetItems.TryGetValue(s.Key, out var taken)
                    ? (IReadOnlySet<string>)s.Value.Except(taken, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal)
                    : s.Value,
                StringComparer.Ordinal),
        };

    private sealed class Share(LoopWant want)
    {
        public static IComparer<Share> FewestHeldFirst { get; } = Comparer<Share>.Create((a, b) =>
        {
            var held = a.Held.CompareTo(b.Held);
            return held != 0 ? held : string.CompareOrdinal(a.Want.Loop, b.Want.Loop);
        });

        private readonly List<RunningTask> _placements = want.Running.ToList();

        public LoopWant Want { get; } = want;

        public List<PlannedLaunch> Launches { get; } = [];

        public IReadOnlyList<UnsatisfiableConstraint> Unsatisfiable { get; set; } = [];

        public IReadOnlyList<RunningTask> Placements => _placements;

        private int Held => _placements.Count;

        public void Add(PlannedLaunch launch)
        {
            Launches.Add(launch);
            // Constraints count a planned task like a running one (its id is given at launch).
            _placements.Add(launch.AsRunningTask($"planned-{Want.Loop}-{Launches.Count}"));
        }

        public LaunchPlan ToPlan() => new(Launches, [], Want.Wanted - Launches.Count, Unsatisfiable);
    }
}
