namespace RelayMesos.Control.Sources;

/// <summary>
/// Turns <c>relay.inflow</c>'s samples into a rate (metric units per second). A rate is taken as it is. A counter is
/// differenced: the first sample gives no rate (nothing to difference it with); a counter lower than the last sample
/// was reset (the queue or its exporter restarted) and is taken to have counted up from zero since, as Prometheus'
/// <c>rate()</c> does, so the step sees at least the arrivals since the reset and never a negative inflow.
/// Immutable: each sample gives the next meter.
/// </summary>
public sealed record InflowMeter(InflowKind Kind)
{
    /// <summary>The last counter sample and when it was taken.</summary>
    public (double Count, DateTimeOffset At)? Last { get; init; }

    /// <summary>The rate the sample gives (null: none yet, or the sample is unusable), and the meter for the next one.</summary>
    public (InflowMeter Next, double? Rate) Read(double value, DateTimeOffset at)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            // A failed or nonsensical sample teaches nothing; a counter keeps its last good sample to difference from.
            return (this, null);
        }

        if (Kind == InflowKind.Rate)
        {
            return (this, value);
        }

        var next = this with { Last = (value, at) };
        if (Last is not { } last)
        {
            return (next, null);
        }

        var seconds = (at - last.At).TotalSeconds;
        if (seconds <= 0)
        {
            return (this, null);
        }

        var arrived = value >= last.Count ? value - last.Count : value;
        return (next, arrived / seconds);
    }
}
