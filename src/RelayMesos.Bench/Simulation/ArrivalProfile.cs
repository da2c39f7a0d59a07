namespace RelayMesos.Control.Simulation;

/// <summary>
/// How items arrive at the benchmark's queue: a rate over time, drawn as a seeded Poisson process, so the real-plant
/// bench (<c>relay-mesos bench plant</c>) and the simulator see the very same arrivals for a seed.
/// </summary>
public sealed record ArrivalProfile(string Name)
{
    public static IReadOnlyList<string> Names { get; } = ["steady", "burst", "ramp", "on-off"];

    public static ArrivalProfile Get(string name) =>
        Names.Contains(name, StringComparer.Ordinal)
            ? new ArrivalProfile(name)
            : throw new ArgumentException($"No arrival profile named '{name}'; known: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Items a second at <paramref name="time"/> of a run lasting <paramref name="duration"/> seconds.</summary>
    public double RateAt(double time, double duration) => Name switch
    {
        // About two consumers' worth (a consumer serves 4 items a second).
        "steady" => 8,
        // A quiet queue hit by a 5 s burst every 20 s.
        "burst" => time % 20 < 5 ? 24 : 2,
        // From nothing to four consumers' worth over the run.
        "ramp" => 16 * time / duration,
        // 10 s on at 12 a second, 10 s off.
        _ => time % 20 < 10 ? 12 : 0,
    };

    /// <summary>The largest rate of the profile (the thinning bound).</summary>
    private double PeakRate() => Name switch
    {
        "steady" => 8,
        "burst" => 24,
        "ramp" => 16,
        _ => 12,
    };

    /// <summary>Arrival times in seconds from the start, ascending (Lewis–Shedler thinning of a Poisson process).</summary>
    public IReadOnlyList<double> Arrivals(int seed, double duration)
    {
        var random = new Random(seed);
        var peak = PeakRate();
        var times = new List<double>();
        var t = 0.0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / peak;
            if (t >= duration)
            {
                return times;
            }

            if (random.NextDouble() * peak < RateAt(t, duration))
            {
                times.Add(t);
            }
        }
    }
}
