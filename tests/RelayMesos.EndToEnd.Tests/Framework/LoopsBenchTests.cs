using RelayMesos.Host.Benchmarks;

namespace RelayMesos.EndToEnd.Tests.Framework;

public sealed class LoopsBenchTests
{
    [Fact]
    public async Task The_loops_bench_steps_every_loop_and_reports_its_lateness_and_costs()
    {
        var result = await LoopsBench.RunAsync(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(3, result.LoopsThatStepped);
        Assert.True(result.Steps >= 6, $"{result.Steps} steps of 3 loops in 2 s at 200 ms");
        Assert.Equal(result.Steps, result.LatenessMs.Count);
        Assert.True(result.CpuMsPerLoopSecond > 0);
        Assert.StartsWith("| 3 | 200 ms | 3 | ", result.Row(), StringComparison.Ordinal);
    }
}
