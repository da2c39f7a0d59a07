namespace RelayMesos.Framework.Offers;

/// <summary>One constraint's task counts by value, over running tasks plus those placed so far.</summary>
internal sealed class ConstraintLedger
{
    private readonly string?[] _offerValues;
    private readonly bool[] _admitted;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    // GROUP_BY: how many known values hold each count, to follow the minimum in O(1) per placement.
    private readonly Dictionary<int, int> _valuesWithCount = [];
    private readonly bool _minimumPinnedAtZero;
    private int _minimum;

    public ConstraintLedger(PlacementConstraint constraint, IReadOnlyList<AgentOffer> offers, IReadOnlyList<RunningTask> running)
    {
        Constraint = constraint;
        _offerValues = new string?[offers.Count];
        _admitted = new bool[offers.Count];
        for (var i = 0; i < offers.Count; i++)
        {
            _offerValues[i] = ValueOf(offers[i].Hostname, offers[i].Attributes);
            _admitted[i] = constraint.AdmitsValue(_offerValues[i]);
        }

        RunningValues = running.Select(t => ValueOf(t.Hostname, t.Attributes)).ToArray();
        if (constraint.Operator is ConstraintOperator.Unique or ConstraintOperator.MaxPer or ConstraintOperator.GroupBy)
        {
            foreach (var value in RunningValues.OfType<string>())
            {
                _counts[value] = _counts.GetValueOrDefault(value) + 1;
            }
        }

        if (constraint.Operator == ConstraintOperator.GroupBy)
        {
            foreach (var value in _offerValues.OfType<string>())
            {
                _counts.TryAdd(value, 0);
            }

            foreach (var count in _counts.Values)
            {
                _valuesWithCount[count] = _valuesWithCount.GetValueOrDefault(count) + 1;
            }

            // Fewer known values than the expected number of groups: the unseen ones are empty groups.
            _minimumPinnedAtZero = _counts.Count < constraint.Limit || _counts.Count == 0;
            _minimum = _minimumPinnedAtZero ? 0 : _valuesWithCount.Keys.Min();
        }
    }

    public PlacementConstraint Constraint { get; }

    public string?[] RunningValues { get; }

    public string? OfferValue(int offer) => _offerValues[offer];

    public bool Admits(int offer) => _admitted[offer];

    public PlacementVerdict Check(int offer)
    {
        if (!_admitted[offer])
        {
            return PlacementVerdict.Never;
        }

        return Constraint.Operator switch
        {
            ConstraintOperator.Unique or ConstraintOperator.MaxPer =>
                _counts.GetValueOrDefault(_offerValues[offer]!) < Constraint.Limit ? PlacementVerdict.Allowed : PlacementVerdict.Never,
            ConstraintOperator.GroupBy =>
                _counts[_offerValues[offer]!] <= _minimum ? PlacementVerdict.Allowed : PlacementVerdict.NotYet,
            _ => PlacementVerdict.Allowed,
        };
    }

    public void Record(int offer)
    {
        switch (Constraint.Operator)
        {
            case ConstraintOperator.Unique or ConstraintOperator.MaxPer:
                var value = _offerValues[offer]!;
                _counts[value] = _counts.GetValueOrDefault(value) + 1;
                break;
            case ConstraintOperator.GroupBy:
                RecordGroup(_offerValues[offer]!);
                break;
        }
    }

    private void RecordGroup(string value)
    {
        var before = _counts[value];
        _counts[value] = before + 1;
        _valuesWithCount[before]--;
        _valuesWithCount[before + 1] = _valuesWithCount.GetValueOrDefault(before + 1) + 1;

        // Placements only land on values at the minimum, so the minimum moves up by one once none is left there.
        if (!_minimumPinnedAtZero && before == _minimum && _valuesWithCount[before] == 0)
        {
            _minimum = before + 1;
        }
    }

    private string? ValueOf(string hostname, IReadOnlyDictionary<string, string> attributes) =>
        Constraint.IsHostname ? hostname : attributes.GetValueOrDefault(Constraint.Field);
}
