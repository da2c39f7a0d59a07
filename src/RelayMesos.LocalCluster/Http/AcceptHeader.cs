using System.Globalization;

namespace RelayMesos.LocalCluster.Http;

/// <summary>
/// Whether an Accept header admits a media type: the most specific matching range decides, and q=0 refuses,
/// as in libprocess' Request::acceptsMediaType. No header admits everything.
/// </summary>
public static class AcceptHeader
{
    public static bool Accepts(IEnumerable<string> headerValues, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        ArgumentNullException.ThrowIfNull(mediaType);
        var ranges = headerValues.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (ranges.Count == 0)
        {
            return true;
        }

        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var type = mediaType[..slash];
        var best = -1;
        var bestQuality = 0.0;
        foreach (var range in ranges)
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            var name = parts[0].ToLowerInvariant();
            var specificity = name == mediaType ? 2 : name == type + "/*" ? 1 : name == "*/*" ? 0 : -1;
            if (specificity <= best)
            {
                continue;
            }

            var quality = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && !double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out quality))
                {
                    quality = 0;
                }
            }

            best = specificity;
            bestQuality = quality;
        }

        return best >= 0 && bestQuality > 0;
    }
}
