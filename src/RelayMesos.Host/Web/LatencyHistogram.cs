namespace RelayMesos.Host.Web;

/// <summary>A thread-safe cumulative histogram of durations in seconds, with Prometheus-style buckets.</summary>
public sealed class LatencyHistogram
{
    private readonly object _gate = new();
    private readonly long[] _counts;
    private long _count;
    private double _sum;

    public LatencyHistogram(IReadOnlyList<double> upperBoundsSeconds)
    {
        UpperBounds = upperBoundsSeconds.Order().ToArray();
        _counts = new long[UpperBounds.Count];
    }

    /// <summary>Buckets from 0.5 ms to 5 s: a journal write on SQLite or PostgreSQL lands well inside.</summary>
    public static LatencyHistogram ForStoreWrites() => new([0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);

    public IReadOnlyList<double> UpperBounds { get; }

    public void Observe(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        lock (_gate)
        {
            _count++;
            _sum += seconds;
            for (var i = 0; i < UpperBounds.Count; i++)
            {
                if (seconds <= UpperBounds[i])
                {
                    _counts[i]++;
                }
            }
        }
    }

    /// <summary>Cumulative counts per upper bound (the +Inf bucket is <c>Count</c>), the total and the sum.</summary>
    public (IReadOnlyList<long> Cumulative, long Count, double Sum) Read()
    {
        lock (_gate)
        {
            return (_counts.ToArray(), _count, _sum);
        }
    }
}
