using BenchmarkDotNet.Attributes;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Benchmarks.Control;

/// <summary>One controller step with a full 1000-sample window; relay-classic is the baseline.</summary>
[MemoryDiagnoser]
public class ControllerStepBenchmark
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;
    private readonly ControllerInput input = new(20, 13, T0.AddSeconds(1001), RunningWarmers: 13, InFlightWarmers: 2);
    private IController classic = null!;
    private IController relay = null!;
    private IController proportional = null!;
    private ControllerState full = null!;

    [GlobalSetup]
    public void Setup()
    {
        var settings = ControllerSettings.Default with { Lookback = 1000 };
        classic = ControllerFactory.Create(settings with { Algorithm = ControllerAlgorithm.RelayClassic });
        relay = ControllerFactory.Create(settings with { Algorithm = ControllerAlgorithm.Relay });
        proportional = ControllerFactory.Create(settings with { Algorithm = ControllerAlgorithm.Proportional });
        var random = new Random(1);
        full = ControllerState.Initial;
        for (var i = 0; i < 1000; i++)
        {
            full = classic.Step(full, new ControllerInput(20 + 10 * Math.Sin(i / 30.0), random.Next(0, 40), T0.AddSeconds(i))).State;
        }
    }

    [Benchmark(Baseline = true)]
    public int RelayClassicStep() => classic.Step(full, input).Decision.Mv;

    [Benchmark]
    public int RelayStep() => relay.Step(full, input).Decision.Mv;

    [Benchmark]
    public int ProportionalStep() => proportional.Step(full, input).Decision.Mv;
}
