namespace RelayMesos.Control.Sources;

/// <summary>
/// <c>type = wave</c>: a periodic set point like Relay's oscillating, sine and square examples:
/// offset + amplitude × shape(t / period), t from the injected clock since the source was made.
/// Square is +1 for the first half period and −1 after; sawtooth rises from −1 to 1 over a period.
/// </summary>
public sealed class WaveMetricSource : IMetricSource
{
    private readonly WaveShape shape;
    private readonly double amplitude;
    private readonly TimeSpan period;
    private readonly double offset;
    private readonly TimeProvider clock;
    private readonly long start;

    public WaveMetricSource(WaveShape shape, double amplitude, TimeSpan period, double offset, TimeProvider clock)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A wave's period must be above zero.");
        }

        this.shape = shape;
        this.amplitude = amplitude;
        this.period = period;
        this.offset = offset;
        this.clock = clock;
        start = clock.GetTimestamp();
    }

    public Task<SampleResult> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SampleResult.Success(ValueAt(clock.GetElapsedTime(start))));

    public double ValueAt(TimeSpan elapsed)
    {
        var phase = elapsed / period % 1.0;
        var unit = shape switch
        {
            WaveShape.Square => phase < 0.5 ? 1.0 : -1.0,
            WaveShape.Sawtooth => 2 * phase - 1,
            _ => Math.Sin(2 * Math.PI * phase),
        };
        return offset + amplitude * unit;
    }
}
