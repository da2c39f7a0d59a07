using System.Globalization;

namespace RelayMesos.Failover.Membership;

/// <summary>A time during which nothing in this process ran (stopped, paused, starved), on the watch's monotonic clock.</summary>
public readonly record struct ProcessStall(TimeSpan Start, TimeSpan Length)
{
    public TimeSpan End => Start + Length;

    /// <summary>For a log line: "this process stood still for 14.1 s".</summary>
    public override string ToString() =>
        $"this process stood still for {Length.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}
