using System.Globalization;

namespace RelayMesos.Control.Simulation;

/// <summary>
/// A queue consumer as the real-plant bench runs it: <paramref name="Startup"/> seconds before it takes its first
/// item, <paramref name="Service"/> seconds per item (one at a time), and it exits after <paramref name="IdleExit"/>
/// seconds of finding the queue empty (<see cref="double.PositiveInfinity"/>: it never leaves on its own).
/// </summary>
public sealed record ConsumerShape(double Startup, double Service, double IdleExit)
{
    public static ConsumerShape Default { get; } = new(1, 0.25, 1);

    /// <summary>A consumer that waits for work for ever (a long-running worker launched as a cooler).</summary>
    public bool Lingers => double.IsPositiveInfinity(IdleExit);

    /// <summary>startup/service/idle-exit in seconds, e.g. <c>1/0.25/never</c>; <see cref="Parse"/> reads it back.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Startup:0.###}/{Service:0.###}/{(Lingers ? "never" : IdleExit.ToString("0.###", CultureInfo.InvariantCulture))}");

    public static ConsumerShape Parse(string label)
    {
        var parts = label.Split('/');
        if (parts.Length != 3 || !TryParseSeconds(parts[0], out var startup) || !TryParseSeconds(parts[1], out var service) || !TryParseIdleExit(parts[2], out var idle))
        {
            throw new FormatException($"'{label}' is not a consumer shape: expected startup/service/idle-exit in seconds, e.g. 1/0.25/never.");
        }

        return new ConsumerShape(startup, service, idle);
    }

    /// <summary>Seconds, or <c>never</c> (the consumer does not leave on its own).</summary>
    public static bool TryParseIdleExit(string text, out double seconds)
    {
        if (string.Equals(text, "never", StringComparison.OrdinalIgnoreCase))
        {
            seconds = double.PositiveInfinity;
            return true;
        }

        return TryParseSeconds(text, out seconds) && seconds > 0;
    }

    private static bool TryParseSeconds(string text, out double seconds) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds) && seconds >= 0;
}
