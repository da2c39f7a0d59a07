using RelayMesos.TestKit.Mesos;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// The master under a failover test: a standalone <c>relay-mesos local-cluster</c> process (its JSON log read like the
/// instances') or a real Apache Mesos (its log files in the work dir). Either one is asked the same question: did it
/// fail the framework over to the successor, and did it kill none of its tasks meanwhile.
/// </summary>
internal sealed class FailoverMaster
{
    private readonly RelayProcess? _embedded;
    private readonly RealMesosCluster? _real;

    private FailoverMaster(Uri uri, RelayProcess? embedded, RealMesosCluster? real)
    {
        Uri = uri;
        _embedded = embedded;
        _real = real;
    }

    public Uri Uri { get; }

    public static FailoverMaster Embedded(RelayProcess cluster, Uri uri) => new(uri, cluster, null);

    public static FailoverMaster Real(RealMesosCluster cluster) => new(new Uri(cluster.Master, "/"), null, cluster);

    /// <summary>
    /// The master's side of the takeovers: it failed the framework's live subscription over to the successor (the real
    /// master notes the old stream's end as a disconnection it ignores, the framework having reconnected), and the master
    /// killed no task of ours since the first kill. Whether the frozen leader, once it wakes, ends its term on that ERROR
    /// or on its lost lease is a race of two reads a millisecond apart; the ERROR's own effect is pinned by
    /// <c>A_scheduler_that_subscribes_as_our_framework_ends_the_term…</c> on both targets.
    /// </summary>
    public void AssertFailedOver(DateTimeOffset firstKill)
    {
        var log = MasterLines();
        if (_embedded is not null)
        {
            Assert.Contains(log, l => l.Contains("failed over: its previous subscription got ERROR", StringComparison.Ordinal));
            Assert.DoesNotContain(_embedded.Lines, l => l.Timestamp >= firstKill && l.Message.StartsWith("Killing task", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(log, l => l.Contains("Ignoring disconnection for framework", StringComparison.Ordinal) && l.Contains("as it has already reconnected", StringComparison.Ordinal));
            Assert.DoesNotContain(log, l => l.Contains("Telling agent", StringComparison.Ordinal) && l.Contains("to kill task", StringComparison.Ordinal));
        }
    }

    /// <summary>Where the master's logs are (kept), for a failure message.</summary>
    public string Describe()
    {
        if (_real is null)
        {
            return $"embedded cluster log: {_embedded!.LogPath}";
        }

        _real.KeepWorkDirectory();
        return _real.Tail();
    }

    public async Task DisposeAsync(bool passed)
    {
        if (_embedded is not null)
        {
            await _embedded.TerminateAsync(TimeSpan.FromSeconds(15));
            await _embedded.DisposeAsync();
        }

        if (_real is not null)
        {
            if (!passed)
            {
                _real.KeepWorkDirectory();
            }

            await _real.DisposeAsync();
        }
    }

    private IReadOnlyList<string> MasterLines()
    {
        if (_embedded is not null)
        {
            return _embedded.Lines.Select(l => l.Message).ToList();
        }

        return Directory.EnumerateFiles(_real!.WorkDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "master.out" || Path.GetFileName(f).Contains("mesos-master.", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f))
            .ToList();
    }
}
