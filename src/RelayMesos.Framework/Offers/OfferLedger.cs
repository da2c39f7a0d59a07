namespace RelayMesos.Framework.Offers;

/// <summary>What is left of one offer while a plan takes tasks from it.</summary>
internal sealed class OfferLedger
{
    private readonly CompiledRequirement _requirement;
    private readonly long[] _scalars;
    private readonly List<ValueRange>[] _ranges;
    private readonly int[] _rangeHeads;
    private readonly ulong[] _rangeLeft;
    private readonly SortedSet<string>[] _sets;

    /// <param name="ranges">Per required range, the offer's values not already offered by an
    /// earlier offer of the same agent, so ports stay distinct per agent.</param>
    public OfferLedger(AgentOffer offer, CompiledRequirement requirement, List<ValueRange>[] ranges)
    {
        Offer = offer;
        _requirement = requirement;
        _scalars = new long[requirement.ScalarNames.Length];
        for (var i = 0; i < _scalars.Length; i++)
        {
            _scalars[i] = offer.Scalars.TryGetValue(requirement.ScalarNames[i], out var amount)
                ? ScalarUnits.ToThousandths(amount)
                : 0;
        }

        _ranges = ranges;
        _rangeHeads = new int[ranges.Length];
        _rangeLeft = ranges.Select(RangeArithmetic.Count).ToArray();
        _sets = new SortedSet<string>[requirement.SetNames.Length];
        for (var i = 0; i < _sets.Length; i++)
        {
            _sets[i] = offer.Sets.TryGetValue(requirement.SetNames[i], out var items)
                ? new SortedSet<string>(items, StringComparer.Ordinal)
                : new SortedSet<string>(StringComparer.Ordinal);
        }
    }

    public AgentOffer Offer { get; }

    public int Launched { get; private set; }

    public bool Fits()
    {
        for (var i = 0; i < _scalars.Length; i++)
        {
            if (_scalars[i] < _requirement.ScalarAmounts[i])
            {
                return false;
            }
        }

        for (var i = 0; i < _rangeLeft.Length; i++)
        {
            if (_rangeLeft[i] < _requirement.RangeCounts[i])
            {
                return false;
            }
        }

        for (var i = 0; i < _sets.Length; i++)
        {
            var wanted = _requirement.Sets[i];
            if (wanted.Items.Count == 0 ? _sets[i].Count < wanted.Count : !wanted.Items.All(_sets[i].Contains))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes one task's resources; call only after <see cref="Fits"/> answered true.</summary>
    public PlannedLaunch Take()
    {
        var scalars = new Dictionary<string, double>(_scalars.Length, StringComparer.Ordinal);
        for (var i = 0; i < _scalars.Length; i++)
        {
            _scalars[i] -= _requirement.ScalarAmounts[i];
            scalars[_requirement.ScalarNames[i]] = ScalarUnits.FromThousandths(_requirement.ScalarAmounts[i]);
        }

        var ranges = new Dictionary<string, IReadOnlyList<ValueRange>>(_ranges.Length, StringComparer.Ordinal);
        for (var i = 0; i < _ranges.Length; i++)
        {
            ranges[_requirement.RangeNames[i]] = TakeRange(i, _requirement.RangeCounts[i]);
        }

        var sets = new Dictionary<string, IReadOnlyList<string>>(_sets.Length, StringComparer.Ordinal);
        for (var i = 0; i < _sets.Length; i++)
        {
            var wanted = _requirement.Sets[i];
            var items = wanted.Items.Count == 0 ? _sets[i].Take(wanted.Count).ToArray() : wanted.Items.ToArray();
            foreach (var item in items)
            {
                _sets[i].Remove(item);
            }

            sets[_requirement.SetNames[i]] = items;
        }

        Launched++;
        return new PlannedLaunch(
            Offer.OfferId, Offer.AgentId, Offer.Hostname, Offer.Role, scalars, ranges, sets, Offer.Attributes);
    }

    private List<ValueRange> TakeRange(int index, ulong count)
    {
        var taken = new List<ValueRange>(1);
        var ranges = _ranges[index];
        _rangeLeft[index] -= count;
        while (count > 0)
        {
            var head = ranges[_rangeHeads[index]];
            var available = head.Count;
            if (count >= available)
            {
                taken.Add(head);
                _rangeHeads[index]++;
                count -= available;
            }
            else
            {
                taken.Add(new ValueRange(head.Begin, head.Begin + count - 1));
                ranges[_rangeHeads[index]] = new ValueRange(head.Begin + count, head.End);
                count = 0;
            }
        }

        return taken;
    }
}
