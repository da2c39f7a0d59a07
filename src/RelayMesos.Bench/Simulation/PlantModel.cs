namespace RelayMesos.Control.Simulation;

/// <summary>The simulated cluster and workload; mutable, owned by one simulation run.</summary>
internal sealed class PlantModel : IPlant
{
    private readonly Scenario scenario;
    private readonly Random random;
    private readonly List<SimulatedTask> tasks = [];
    private double queue;

    public PlantModel(Scenario scenario, Random random)
    {
        this.scenario = scenario;
        this.random = random;
        if (scenario.Plant == PlantKind.Queue)
        {
            queue = scenario.Initial;
        }
        else
        {
            for (var i = 0; i < (int)scenario.Initial; i++)
            {
                tasks.Add(new SimulatedTask(Warmer: true, EffectiveAt: 0));
            }
        }
    }

    public double Time { get; private set; }

    public int Launches { get; private set; }

    public double TaskSeconds { get; private set; }

    public int Peak { get; private set; }

    public double? IntegratedError => null;

    public double Metric => scenario.Plant == PlantKind.Queue ? queue : Count(warmer: true, effective: true);

    public int Count(bool warmer, bool effective) =>
        tasks.Count(t => t.Warmer == warmer && (t.EffectiveAt <= Time) == effective);

    public (int Applied, bool Starved) Apply(int mv)
    {
        if (mv < 0 && scenario.Plant == PlantKind.Pool)
        {
            // Kill the newest instances first: those not yet serving cost least to lose.
            var kill = Math.Min(-mv, tasks.Count);
            tasks.Sort((a, b) => a.EffectiveAt.CompareTo(b.EffectiveAt));
            tasks.RemoveRange(tasks.Count - kill, kill);
            return (-kill, false);
        }

        var wanted = Math.Abs(mv);
        var capacity = scenario.StarvedAt(Time) ? 0 : scenario.OffersPerStep;
        var launched = Math.Min(wanted, capacity);
        for (var i = 0; i < launched; i++)
        {
            tasks.Add(new SimulatedTask(Warmer: mv > 0, EffectiveAt: Time + scenario.StartupDelay) { LaunchedAt = Time });
        }

        Launches += launched;
        Peak = Math.Max(Peak, tasks.Count);
        return (Math.Sign(mv) * launched, launched < wanted);
    }

    public void Advance()
    {
        var dt = scenario.StepSeconds;
        TaskSeconds += tasks.Count * dt;
        if (scenario.Plant == PlantKind.Queue)
        {
            queue += Poisson(scenario.ArrivalRate * dt);
            var workers = Count(warmer: false, effective: true);
            queue = Math.Max(0, queue - workers * scenario.WorkerRate * dt);
        }

        Time += dt;
        if (scenario.Plant == PlantKind.Queue)
        {
            // Run-to-completion: workers leave once the queue is empty or their lifetime is over;
            // a warmer has nothing to warm on a queue and ends as soon as it has started.
            tasks.RemoveAll(t => t.EffectiveAt <= Time
                && (t.Warmer || queue <= 0 || Time - t.LaunchedAt >= scenario.TaskLifetime));
        }
    }

    private int Poisson(double mean)
    {
        // Knuth's method; fine for the small means of one step.
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    private sealed record SimulatedTask(bool Warmer, double EffectiveAt)
    {
        public double LaunchedAt { get; init; }
    }
}
