using BenchmarkDotNet.Attributes;
using RelayMesos.Framework.Offers;

namespace RelayMesos.Benchmarks.Offers;

/// <summary>
/// A large cluster's offer batch: 10,000 agents on 20 racks, 1,000 small tasks wanted.
/// The constrained run must stay within twice the unconstrained one.
/// </summary>
[MemoryDiagnoser]
public class OfferMatcherBenchmark
{
    private const int Agents = 10_000;
    private const int Racks = 20;

    private readonly TaskRequirement _task = TaskRequirement.Of(cpus: 0.5, memMb: 128);
    private readonly IReadOnlyList<PlacementConstraint> _constraints =
        PlacementConstraintParser.ParseMarathonJson("""[["hostname","MAX_PER","2"],["rack","GROUP_BY"]]""");

    private AgentOffer[] _offers = [];
    private RunningTask[] _running = [];

    [Params(1_000)]
    public int Wanted { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Offer ids arrive in no particular order; racks come in blocks of neighbouring agents.
        var random = new Random(42);
        _offers = Enumerable.Range(0, Agents)
            .Select(i => new AgentOffer(
                $"offer-{random.Next():D10}-{i}",
                $"agent-{i}",
                $"host-{i:D5}",
                new Dictionary<string, double> { [ResourceNames.Cpus] = 4, [ResourceNames.Mem] = 16384, [ResourceNames.Disk] = 100_000 },
                new Dictionary<string, IReadOnlyList<ValueRange>> { [ResourceNames.Ports] = [new ValueRange(31000, 32000)] },
                new Dictionary<string, IReadOnlySet<string>>(),
                new Dictionary<string, string> { ["rack"] = $"rack-{i * Racks / Agents:D2}" }))
            .ToArray();
        _running = Enumerable.Range(0, 200)
            .Select(i => new RunningTask($"task-{i}", $"agent-{i * 7}", $"host-{i * 7:D5}", _offers[i * 7].Attributes))
            .ToArray();
    }

    [Benchmark(Baseline = true)]
    public LaunchPlan Unconstrained() => OfferMatcher.Plan(_offers, _task, Wanted, [], _running);

    [Benchmark]
    public LaunchPlan MaxPerHostnameAndGroupByRack() => OfferMatcher.Plan(_offers, _task, Wanted, _constraints, _running);
}
