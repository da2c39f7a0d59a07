namespace RelayMesos.Control.Simulation;

/// <summary>
/// A queue consumer as the real-plant bench runs it: <paramref name="Startup"/> seconds before it takes its first
/// item, <paramref name="Service"/> seconds per item (one at a time), and it exits after <paramref name="IdleExit"/>
/// seconds of finding the queue empty.
/// </summary>
public sealed record ConsumerShape(double Startup, double Service, double IdleExit)
{
    public static ConsumerShape Default { get; } = new(1, 0.25, 1);
}
