namespace RelayMesos.Control.Simulation;

/// <summary>
/// The real-plant bench's queue as a model: items arrive at the profile's seeded times; each cooler is a consumer
/// that starts after the launch latency, spends its start-up, then takes one item at a time (service time each,
/// polling an empty queue every 0.1 s) and exits after idling for its idle exit. Simulated in ticks of 0.05 s,
/// so that a consumer's life is not rounded to the controller's step. Cloneable, so that an oracle can look ahead.
/// </summary>
internal sealed class ConsumerQueuePlant : IPlant
{
    private const double Tick = 0.05;
    private const double Poll = 0.1;

    private readonly Scenario scenario;
    private readonly IReadOnlyList<double> arrivals;
    private List<Consumer> consumers = [];
    private int nextArrival;
    private int queue;
    private double scoredError;

    public ConsumerQueuePlant(Scenario scenario, int seed)
    {
        this.scenario = scenario;
        arrivals = ArrivalProfile.Get(scenario.Arrivals!).Arrivals(seed, scenario.Steps * scenario.StepSeconds);
        queue = (int)scenario.Initial;
    }

    private ConsumerQueuePlant(ConsumerQueuePlant other)
    {
        scenario = other.scenario;
        arrivals = other.arrivals;
        consumers = other.consumers.Select(c => c with { }).ToList();
        nextArrival = other.nextArrival;
        queue = other.queue;
        scoredError = other.scoredError;
        Time = other.Time;
        Launches = other.Launches;
        TaskSeconds = other.TaskSeconds;
        Peak = other.Peak;
    }

    public double Time { get; private set; }

    public double Metric => queue;

    public int Launches { get; private set; }

    public double TaskSeconds { get; private set; }

    public int Peak { get; private set; }

    public double? IntegratedError => scoredError;

    /// <summary>Consumers alive or about to start (launched, not yet exited).</summary>
    public int Alive => consumers.Count;

    public ConsumerQueuePlant Clone() => new(this);

    public int Count(bool warmer, bool effective) =>
        warmer ? 0 : consumers.Count(c => (c.StartsAt + scenario.StartupDelay <= Time) == effective);

    public (int Applied, bool Starved) Apply(int mv)
    {
        var wanted = Math.Abs(mv);
        var capacity = scenario.StarvedAt(Time) ? 0 : scenario.OffersPerStep;
        var launched = Math.Min(wanted, capacity);
        Launches += launched;
        // A warmer has nothing to warm on a queue: it is launched and ends at once.
        if (mv < 0)
        {
            var startsAt = Time + scenario.LaunchLatency;
            for (var i = 0; i < launched; i++)
            {
                consumers.Add(new Consumer(startsAt, startsAt + scenario.Consumer.Startup));
            }
        }

        return (Math.Sign(mv) * launched, launched < wanted);
    }

    public void Advance()
    {
        var end = Time + scenario.StepSeconds;
        while (Time < end - 1e-9)
        {
            var now = Time + Tick;
            while (nextArrival < arrivals.Count && arrivals[nextArrival] <= now)
            {
                queue++;
                nextArrival++;
            }

            foreach (var c in consumers)
            {
                if (c.StartsAt <= now)
                {
                    TaskSeconds += Math.Min(Tick, now - c.StartsAt);
                }

                if (now < c.NextPollAt - 1e-9)
                {
                    continue;
                }

                if (queue > 0)
                {
                    queue--;
                    c.Idle = 0;
                    c.NextPollAt = now + scenario.Consumer.Service;
                }
                else
                {
                    c.Idle += Poll;
                    c.NextPollAt = now + Poll;
                }
            }

            consumers.RemoveAll(c => c.Idle >= scenario.Consumer.IdleExit - 1e-9);
            Peak = Math.Max(Peak, consumers.Count(c => c.StartsAt <= now));
            if (now > scenario.ScoreFrom)
            {
                scoredError += Math.Abs(scenario.TargetAt(now) - queue) * Tick;
            }

            Time = now;
        }
    }

    private sealed record Consumer(double StartsAt, double NextPollAt)
    {
        public double NextPollAt { get; set; } = NextPollAt;

        public double Idle { get; set; }
    }
}
