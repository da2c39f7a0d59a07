namespace RelayMesos.Mesos.Detection;

/// <summary>
/// A fixed list of masters from configuration, e.g. <c>http://m1:5050,http://m2:5050</c>. The leader
/// is found by trying each in turn and following its 307 redirect, so every master is returned.
/// </summary>
public sealed class StaticMasterDetector : IMasterDetector
{
    private readonly IReadOnlyList<Uri> _masters;

    public StaticMasterDetector(IEnumerable<Uri> masters)
    {
        ArgumentNullException.ThrowIfNull(masters);
        _masters = masters.ToArray();
        if (_masters.Count == 0)
        {
            throw new ArgumentException("At least one Mesos master is required.", nameof(masters));
        }
    }

    public IReadOnlyList<Uri> Masters => _masters;

    /// <summary>
    /// Parses a comma-separated list, e.g. <c>m1:5050,m2:5050</c>. Entries without a scheme mean http and must name
    /// their port; an empty entry (a doubled or trailing comma) is an error rather than skipped, as it is most likely a
    /// master left out.
    /// </summary>
    /// <exception cref="FormatException">The list is empty or an entry is not an http(s) base URI; the message names it.</exception>
    public static StaticMasterDetector Parse(string masters)
    {
        ArgumentNullException.ThrowIfNull(masters);
        if (masters.Trim().Length == 0)
        {
            throw new FormatException("The Mesos master list is empty (e.g. http://m1:5050,http://m2:5050)");
        }

        var entries = masters.Split(',', StringSplitOptions.TrimEntries);
        var uris = new List<Uri>();
        for (var i = 0; i < entries.Length; i++)
        {
            var raw = entries[i];
            var which = entries.Length == 1 ? "the Mesos master" : $"Mesos master {i + 1} of {entries.Length}";
            if (raw.Length == 0)
            {
                throw new FormatException($"{which} is empty (a doubled or trailing comma?)");
            }

            var hasScheme = raw.Contains("://", StringComparison.Ordinal);
            var text = hasScheme ? raw : "http://" + raw;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(uri.Host)
                || (!hasScheme && uri.IsDefaultPort && !raw.EndsWith(":80", StringComparison.Ordinal)))
            {
                throw new FormatException($"{which}, '{raw}', is not host:port, http://host:port or https://host:port");
            }

            uris.Add(new Uri(uri.GetLeftPart(UriPartial.Authority)));
        }

        return new StaticMasterDetector(uris);
    }

    public Task<IReadOnlyList<Uri>> DetectAsync(CancellationToken cancellationToken) => Task.FromResult(_masters);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
