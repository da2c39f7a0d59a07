namespace RelayMesos.Framework.Offers;

/// <summary>
/// What a task needs from a set resource: either any <see cref="Count"/> items, or exactly the
/// named <see cref="Items"/>.
/// </summary>
public sealed record SetRequirement
{
    private SetRequirement(int count, IReadOnlyList<string> items)
    {
        Count = count;
        Items = items;
    }

    public int Count { get; }

    /// <summary>The specific items wanted; empty when any <see cref="Count"/> items will do.</summary>
    public IReadOnlyList<string> Items { get; }

    public static SetRequirement AnyOf(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new SetRequirement(count, []);
    }

    public static SetRequirement AllOf(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var distinct = items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new SetRequirement(distinct.Length, distinct);
    }

    public bool Equals(SetRequirement? other) =>
        other is not null && Count == other.Count && Items.SequenceEqual(other.Items, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Count, Items.Count);
}
