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
    /// Parses a comma-separated list. Entries without a scheme (<c>m1:5050</c>) mean http.
    /// </summary>
    /// <exception cref="FormatException">An entry is not an http(s) base URI.</exception>
    public static StaticMasterDetector Parse(string masters)
    {
        ArgumentNullException.ThrowIfNull(masters);
        var uris = new List<Uri>();
        foreach (var raw in masters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = raw.Contains("://", StringComparison.Ordinal) ? raw : "http://" + raw;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(uri.Host))
            {
                throw new FormatException(
                    $"'{raw}' is not a Mesos master address; expected http://host:port or https://host:port.");
            }

            uris.Add(new Uri(uri.GetLeftPart(UriPartial.Authority)));
        }

        if (uris.Count == 0)
        {
            throw new FormatException("The Mesos master list is empty; expected e.g. http://m1:5050,http://m2:5050.");
        }

        return new StaticMasterDetector(uris);
    }

    public Task<IReadOnlyList<Uri>> DetectAsync(CancellationToken cancellationToken) => Task.FromResult(_masters);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
