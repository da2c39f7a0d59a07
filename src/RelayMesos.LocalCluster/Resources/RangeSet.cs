namespace RelayMesos.LocalCluster.Resources;

/// <summary>
/// An immutable, normalised set of inclusive unsigned ranges (like Mesos' <c>Value.Ranges</c> for ports):
/// sorted, non-overlapping and non-adjacent, so equality and containment are cheap and exact.
/// </summary>
public sealed class RangeSet : IEquatable<RangeSet>
{
    public static readonly RangeSet Empty = new([]);

    private readonly (ulong Begin, ulong End)[] ranges;

    private RangeSet((ulong Begin, ulong End)[] normalised) => ranges = normalised;

    public IReadOnlyList<(ulong Begin, ulong End)> Ranges => ranges;

    public bool IsEmpty => ranges.Length == 0;

    public ulong Count => ranges.Aggregate(0UL, (sum, r) => sum + (r.End - r.Begin + 1));

    public static RangeSet Of(IEnumerable<(ulong Begin, ulong End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var sorted = ranges.Select(r => r.Begin <= r.End ? r : (r.End, r.Begin)).OrderBy(r => r.Item1).ToList();
        var merged = new List<(ulong Begin, ulong End)>();
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && (merged[^1].End == ulong.MaxValue || r.Item1 <= merged[^1].End + 1))
            {
                merged[^1] = (merged[^1].Begin, Math.Max(merged[^1].End, r.Item2));
            }
            else
            {
                merged.Add((r.Item1, r.Item2));
            }
        }

        return merged.Count == 0 ? Empty : new RangeSet([.. merged]);
    }

    public RangeSet Union(RangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Of(ranges.Concat(other.ranges));
    }

    public RangeSet Except(RangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new List<(ulong Begin, ulong End)>();
        foreach (var (begin, end) in ranges)
        {
            var pieces = new List<(ulong Begin, ulong End)> { (begin, end) };
            foreach (var (cutBegin, cutEnd) in other.ranges)
            {
                var next = new List<(ulong Begin, ulong End)>();
                foreach (var (b, e) in pieces)
                {
                    if (cutEnd < b || cutBegin > e)
                    {
                        next.Add((b, e));
                        continue;
                    }

                    if (cutBegin > b)
                    {
                        next.Add((b, cutBegin - 1));
                    }

                    if (cutEnd < e)
                    {
                        next.Add((cutEnd + 1, e));
                    }
                }

                pieces = next;
            }

            result.AddRange(pieces);
        }

        return Of(result);
    }

    public bool Contains(RangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Except(this).IsEmpty;
    }

    /// <summary>Takes the lowest <paramref name="count"/> values (used to hand out ports).</summary>
    public RangeSet TakeLowest(ulong count)
    {
        var taken = new List<(ulong Begin, ulong End)>();
        foreach (var (begin, end) in ranges)
        {
            if (count == 0)
            {
                break;
            }

            var size = end - begin + 1;
            var take = Math.Min(size, count);
            taken.Add((begin, begin + take - 1));
            count -= take;
        }

        return Of(taken);
    }

    public IEnumerable<ulong> Values()
    {
        foreach (var (begin, end) in ranges)
        {
            for (var v = begin; ; v++)
            {
                yield return v;
                if (v == end)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Parses "31000-32000" or "[31000-31100,31200-31300]".</summary>
    public static RangeSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.Trim().TrimStart('[').TrimEnd(']');
        if (body.Length == 0)
        {
            return Empty;
        }

        var parsed = new List<(ulong, ulong)>();
        foreach (var part in body.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2
                || !ulong.TryParse(bounds[0], System.Globalization.CultureInfo.InvariantCulture, out var begin)
                || !ulong.TryParse(bounds[^1], System.Globalization.CultureInfo.InvariantCulture, out var end)
                || end < begin)
            {
                throw new FormatException($"'{text}' is not a range list like 31000-32000 or [1-10,20-30].");
            }

            parsed.Add((begin, end));
        }

        return Of(parsed);
    }

    public bool Equals(RangeSet? other) => other is not null && ranges.AsSpan().SequenceEqual(other.ranges);

    public override bool Equals(object? obj) => Equals(obj as RangeSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var r in ranges)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(",", ranges.Select(r => $"{r.Begin}-{r.End}")) + "]";
}
