using System.Globalization;

namespace RelayMesos.Host.Benchmarks;

/// <summary>One <c>bench loops</c> run: how late N loops stepped, and what they cost.</summary>
/// <param name="LatenessMs">Each step's lateness: from its sample to its decision (journaled, then published), sorted.</param>
public sealed record LoopsBenchResult(
    int Loops, TimeSpan Delay, double Seconds, long Steps, IReadOnlyList<double> LatenessMs, int LoopsThatStepped,
    double CpuMsPerLoopSecond, double HeapMb, double WorkingSetMb)
{
    public double Percentile(double p) =>
        LatenessMs.Count == 0 ? double.NaN : LatenessMs[Math.Clamp((int)Math.Ceiling(p / 100 * LatenessMs.Count) - 1, 0, LatenessMs.Count - 1)];

    public static string Header =>
        "| loops | delay | loops that stepped | steps/s (journal events/s) | sample→decision p50 ms | p99 ms | max ms | CPU ms per loop-second | heap MB | working set MB |\n" +
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string Row() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Loops} | {Delay.TotalMilliseconds:0} ms | {LoopsThatStepped} | {Steps / Seconds:0.0} | {Percentile(50):0.0} | {Percentile(99):0.0} | {(LatenessMs.Count == 0 ? double.NaN : LatenessMs[^1]):0.0} | {CpuMsPerLoopSecond:0.000} | {HeapMb:0.0} | {WorkingSetMb:0.0} |");
}
