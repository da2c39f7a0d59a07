namespace RelayMesos.Framework.Offers;

/// <summary>Set operations on range lists kept sorted by start, disjoint and non-adjacent.</summary>
internal static class RangeArithmetic
{
    public static List<ValueRange> Normalize(IEnumerable<ValueRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Begin).ThenBy(r => r.End).ToList();
        var merged = new List<ValueRange>(sorted.Count);
        foreach (var range in sorted)
        {
            if (merged.Count > 0 && (merged[^1].End == ulong.MaxValue || range.Begin <= merged[^1].End + 1))
            {
                var last = merged[^1];
                merged[^1] = new ValueRange(last.Begin, Math.Max(last.End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>The values of <paramref name="from"/> not in <paramref name="remove"/>; both normalized.</summary>
    public static List<ValueRange> Subtract(List<ValueRange> from, List<ValueRange> remove)
    {
        var result = new List<ValueRange>(from.Count);
        var r = 0;
        foreach (var range in from)
        {
            var begin = range.Begin;
            var exhausted = false;
            while (r < remove.Count && remove[r].End < begin)
            {
                r++;
            }

            for (var k = r; k < remove.Count && remove[k].Begin <= range.End; k++)
            {
                if (remove[k].Begin > begin)
                {
                    result.Add(new ValueRange(begin, remove[k].Begin - 1));
                }

                if (remove[k].End >= range.End)
                {
                    exhausted = true;
                    break;
                }

                begin = Math.Max(begin, remove[k].End + 1);
            }

            if (!exhausted)
            {
                result.Add(new ValueRange(begin, range.End));
            }
        }

        return result;
    }

    public static ulong Count(List<ValueRange> ranges)
    {
        ulong total = 0;
        foreach (var range in ranges)
        {
            total = range.Count > ulong.MaxValue - total ? ulong.MaxValue : total + range.Count;
        }

        return total;
    }
}
