namespace RelayMesos.Framework.Offers;

/// <summary>
/// Fits tasks into offers: packs several per offer while resources last, spreads them round-robin
/// over offers, and never breaks a placement constraint over running plus planned tasks.
/// Pure: the same input gives the same plan, whatever order the offers come in.
/// </summary>
public static class OfferMatcher
{
    private const int MaxValuesNamed = 5;

    public static LaunchPlan Plan(
        IReadOnlyList<AgentOffer> offers,
        TaskRequirement requirement,
        int wanted,
        IReadOnlyList<PlacementConstraint> constraints,
        IReadOnlyList<RunningTask> running)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(running);
        ArgumentOutOfRangeException.ThrowIfNegative(wanted);

        var sorted = SortById(offers);
        var compiled = new CompiledRequirement(requirement);
        var ledgers = CreateLedgers(sorted, compiled);
        var constraintLedgers = constraints.Select(c => new ConstraintLedger(c, sorted, running)).ToArray();

        var launches = new List<PlannedLaunch>(Math.Min(wanted, 4096));
        var active = PlacementOrder(sorted, constraintLedgers);
        var activeCount = active.Length;
        while (launches.Count < wanted && activeCount > 0)
        {
            var placedBefore = launches.Count;
            var kept = 0;
            for (var k = 0; k < activeCount && launches.Count < wanted; k++)
            {
                var offer = active[k];
                var ledger = ledgers[offer];
                if (!ledger.Fits())
                {
                    continue;
                }

                var verdict = Verdict(constraintLedgers, offer);
                if (verdict == PlacementVerdict.Never)
                {
                    continue;
                }

                active[kept++] = offer;
                if (verdict == PlacementVerdict.Allowed)
                {
                    launches.Add(ledger.Take());
                    foreach (var constraint in constraintLedgers)
                    {
                        constraint.Record(offer);
                    }
                }
            }

            activeCount = kept;
            if (launches.Count == placedBefore)
            {
                break;
            }
        }

        var unplaced = wanted - launches.Count;
        return new LaunchPlan(
            launches,
            ledgers.Where(l => l.Launched == 0).Select(l => l.Offer.OfferId).ToArray(),
            unplaced,
            unplaced > 0 ? Diagnose(constraintLedgers, ledgers, unplaced) : []);
    }

    private static AgentOffer[] SortById(IReadOnlyList<AgentOffer> offers)
    {
        var sorted = offers.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.OfferId, b.OfferId));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].OfferId == sorted[i - 1].OfferId)
            {
                throw new ArgumentException($"Offer '{sorted[i].OfferId}' appears more than once.", nameof(offers));
            }
        }

        foreach (var offer in sorted)
        {
            foreach (var (name, amount) in offer.Scalars)
            {
                if (!double.IsFinite(amount) || amount < 0 || amount > TaskRequirement.MaxScalar)
                {
                    throw new ArgumentException(
                        $"Offer '{offer.OfferId}' has scalar '{name}' = {amount}; expected a finite amount between 0 and {TaskRequirement.MaxScalar}.",
                        nameof(offers));
                }
            }
        }

        return sorted;
    }

    private static OfferLedger[] CreateLedgers(AgentOffer[] sorted, CompiledRequirement requirement)
    {
        // Range values an agent already offered in an earlier offer, by agent then range name.
        var claimed = new Dictionary<string, List<ValueRange>[]>(StringComparer.Ordinal);
        var ledgers = new OfferLedger[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            var offer = sorted[i];
            var ranges = new List<ValueRange>[requirement.RangeNames.Length];
            if (ranges.Length > 0)
            {
                var earlier = claimed.GetValueOrDefault(offer.AgentId);
                var all = new List<ValueRange>[ranges.Length];
                for (var r = 0; r < ranges.Length; r++)
                {
                    var offered = RangeArithmetic.Normalize(
                        offer.Ranges.GetValueOrDefault(requirement.RangeNames[r]) ?? []);
                    ranges[r] = earlier is null ? offered : RangeArithmetic.Subtract(offered, earlier[r]);
                    all[r] = earlier is null ? offered.ToList() : RangeArithmetic.Normalize(offered.Concat(earlier[r]));
                }

                claimed[offer.AgentId] = all;
            }

            ledgers[i] = new OfferLedger(offer, requirement, ranges);
        }

        return ledgers;
    }

    /// <summary>
    /// Offers sorted by id, interleaved so that one round-robin pass visits the first offer of every
    /// group before the second of any: groups are the first GROUP_BY field's values, else agents.
    /// Without this, a pass over offers sorted by group would place one task per group and scan the
    /// rest in vain, once per task.
    /// </summary>
    private static int[] PlacementOrder(AgentOffer[] sorted, ConstraintLedger[] constraints)
    {
        var groupBy = constraints.FirstOrDefault(c => c.Constraint.Operator == ConstraintOperator.GroupBy);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rank = new int[sorted.Length];
        var maxRank = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            // A missing GROUP_BY value is never placed, so lumping those offers together costs nothing.
            var key = groupBy is null ? sorted[i].AgentId : groupBy.OfferValue(i) ?? string.Empty;
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(seen, key, out _);
            rank[i] = count++;
            maxRank = Math.Max(maxRank, rank[i]);
        }

        if (maxRank == 0)
        {
            return Enumerable.Range(0, sorted.Length).ToArray();
        }

        // Counting sort by rank, stable in id order.
        var starts = new int[maxRank + 2];
        foreach (var r in rank)
        {
            starts[r + 1]++;
        }

        for (var r = 1; r < starts.Length; r++)
        {
            starts[r] += starts[r - 1];
        }

        var order = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            order[starts[rank[i]]++] = i;
        }

        return order;
    }

    private static PlacementVerdict Verdict(ConstraintLedger[] constraints, int offer)
    {
        var verdict = PlacementVerdict.Allowed;
        foreach (var constraint in constraints)
        {
            var answer = constraint.Check(offer);
            if (answer == PlacementVerdict.Never)
            {
                return answer;
            }

            if (answer == PlacementVerdict.NotYet)
            {
                verdict = answer;
            }
        }

        return verdict;
    }

    private static UnsatisfiableConstraint[] Diagnose(ConstraintLedger[] constraints, OfferLedger[] ledgers, int unplaced)
    {
        var withRoom = Enumerable.Range(0, ledgers.Length).Where(i => ledgers[i].Fits()).ToArray();
        var found = new List<UnsatisfiableConstraint>();
        foreach (var ledger in constraints)
        {
            var constraint = ledger.Constraint;
            var values = Enumerable.Range(0, ledgers.Length).Select(ledger.OfferValue)
                .Concat(ledger.RunningValues)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (values.Length == 0 && constraint.Operator != ConstraintOperator.Unlike && !constraint.IsHostname)
            {
                found.Add(new UnsatisfiableConstraint(
                    constraint,
                    UnsatisfiableReason.AttributeNeverSeen,
                    $"Constraint {constraint}: no offer or running task has attribute '{constraint.Field}'; " +
                    $"{unplaced} task(s) cannot be placed until an agent with it offers."));
            }
            else if (constraint.Operator is ConstraintOperator.Cluster or ConstraintOperator.Like or ConstraintOperator.Unlike
                && !Enumerable.Range(0, ledgers.Length).Any(ledger.Admits)
                && !ledger.RunningValues.Any(constraint.AdmitsValue))
            {
                found.Add(new UnsatisfiableConstraint(
                    constraint,
                    UnsatisfiableReason.NoAdmissibleValue,
                    $"Constraint {constraint}: no offer or running task has a '{constraint.Field}' value it admits " +
                    $"(seen: {Describe(values)}); {unplaced} task(s) cannot be placed."));
            }
            else if (withRoom.Length > 0 && !withRoom.Any(i => ledger.Check(i) == PlacementVerdict.Allowed))
            {
                found.Add(new UnsatisfiableConstraint(
                    constraint,
                    UnsatisfiableReason.BlockedByCurrentOffers,
                    $"Constraint {constraint} rules out all {withRoom.Length} offer(s) that still have room for a task; " +
                    $"{unplaced} task(s) wait for other offers."));
            }
        }

        return found.ToArray();
    }

    private static string Describe(string[] values) =>
        values.Length == 0 ? "none"
        : values.Length <= MaxValuesNamed ? string.Join(", ", values)
        : $"{string.Join(", ", values.Take(MaxValuesNamed))} and {values.Length - MaxValuesNamed} more";
}
