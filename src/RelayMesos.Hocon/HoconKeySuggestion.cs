using F23.StringSimilarity;

namespace RelayMesos.Hocon;

/// <summary>"Did you mean": the known path a mistyped one most likely meant, for unknown keys and for prefixes that match nothing.</summary>
internal static class HoconKeySuggestion
{
    private static readonly OptimalStringAlignment Distance = new();

    /// <summary>
    /// The closest last element first (a misplaced <c>relay.delay</c> means a <c>delay</c>), the closest whole path among
    /// those; none when nothing is close. A path below one of <paramref name="values"/> (relay.warmer.command) means that
    /// value itself.
    /// </summary>
    public static string? Nearest(string path, IReadOnlyCollection<string> candidates, IReadOnlySet<string> values)
    {
        var keys = TryParse(path);
        for (var length = keys.Count - 1; length > 0; length--)
        {
            var prefix = HoconPath.Render(keys.Take(length).ToList());
            if (values.Contains(prefix))
            {
                return prefix;
            }
        }

        var last = keys.Count == 0 ? path : keys[^1];
        var best = candidates
            .Select(candidate => (
                Candidate: candidate,
                Last: Distance.Distance(last, HoconPath.Parse(candidate)[^1]),
                Whole: Distance.Distance(path, candidate)))
            .OrderBy(c => c.Last)
            .ThenBy(c => c.Whole)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Candidate is null)
        {
            return null;
        }

        if (best.Last <= Math.Max(1, last.Length / 3))
        {
            return best.Candidate;
        }

        var whole = candidates.Select(c => (Candidate: c, Whole: Distance.Distance(path, c))).MinBy(c => c.Whole);
        return whole.Whole <= Math.Max(2, path.Length / 4) ? whole.Candidate : null;
    }

    /// <summary>What a user typed need not be a valid path ("relay..x"); then it is compared as one whole string.</summary>
    private static IReadOnlyList<string> TryParse(string path)
    {
        try
        {
            return HoconPath.Parse(path);
        }
        catch (HoconException)
        {
            return [];
        }
    }
}
