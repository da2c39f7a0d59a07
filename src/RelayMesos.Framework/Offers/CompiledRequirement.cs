namespace RelayMesos.Framework.Offers;

/// <summary>A <see cref="TaskRequirement"/> flattened into arrays, keeping only the non-zero needs.</summary>
internal sealed class CompiledRequirement
{
    public CompiledRequirement(TaskRequirement requirement)
    {
        var scalars = requirement.Scalars
            .Select(s => (s.Key, Amount: ScalarUnits.ToThousandths(s.Value)))
            .Where(s => s.Amount > 0)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToArray();
        ScalarNames = scalars.Select(s => s.Key).ToArray();
        ScalarAmounts = scalars.Select(s => s.Amount).ToArray();

        var ranges = requirement.RangeCounts.Where(r => r.Value > 0).OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
        RangeNames = ranges.Select(r => r.Key).ToArray();
        RangeCounts = ranges.Select(r => (ulong)r.Value).ToArray();

        var sets = requirement.Sets.Where(s => s.Value.Count > 0).OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        SetNames = sets.Select(s => s.Key).ToArray();
        Sets = sets.Select(s => s.Value).ToArray();
    }

    public string[] ScalarNames { get; }

    public long[] ScalarAmounts { get; }

    public string[] RangeNames { get; }

    public ulong[] RangeCounts { get; }

    public string[] SetNames { get; }

    public SetRequirement[] Sets { get; }
}
