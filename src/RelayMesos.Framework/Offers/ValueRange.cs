namespace RelayMesos.Framework.Offers;

/// <summary>An inclusive range of values, as Mesos offers ports: [Begin, End].</summary>
public readonly record struct ValueRange
{
    public ValueRange(ulong begin, ulong end)
    {
        if (end < begin)
        {
            throw new ArgumentException($"Range [{begin}, {end}] ends before it begins.", nameof(end));
        }

        Begin = begin;
        End = end;
    }

    public ulong Begin { get; }

    public ulong End { get; }

    /// <summary>How many values the range holds; [0, ulong.MaxValue] saturates at ulong.MaxValue.</summary>
    public ulong Count => End - Begin == ulong.MaxValue ? ulong.MaxValue : End - Begin + 1;

    public bool Contains(ulong value) => value >= Begin && value <= End;

    public override string ToString() => Begin == End ? $"{Begin}" : $"{Begin}-{End}";
}
