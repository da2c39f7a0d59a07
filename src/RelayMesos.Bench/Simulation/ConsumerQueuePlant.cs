namespace RelayMesos.Control.Simulation;

/// <summary>
/// The real-plant bench's queue as a model: items arrive at the profile's seeded times; each cooler is a consumer
/// whose process starts after the launch latency, spends its start-up, then takes one item at a time (service time
/// each, polling an empty queue every 0.1 s, every request costing the request time) and exits after idling for its
/// idle exit. With an offer interval, launches go the way the framework makes them on the embedded cluster: only the
/// latest demand is held, it is launched from the master's offer rounds (spread round-robin over the agents' offers,
/// as OfferMatcher does), the agents start processes one after another, and each agent holds at most its share of
/// the slots. Simulated in ticks of 0.05 s, so that a consumer's life is not
/// rounded to the controller's step. Cloneable, so that an oracle can look ahead.
/// </summary>
internal sealed class ConsumerQueuePlant : IPlant
{
    private const double Tick = 0.05;
    private const double Poll = 0.1;

    /// <summary>How often the embedded master looks whether an offer round is due (its timer, at most 250 ms).</summary>
    private const double MasterTick = 0.25;

    private readonly Scenario scenario;
    private readonly IReadOnlyList<double> arrivals;
    private readonly List<Consumer> consumers = [];

    /// <summary>When and where consumers that have exited did so: the task table still counts them for the status lag.</summary>
    private readonly List<(double At, int Agent)> exited = [];
    private int nextArrival;
    private int queue;
    private double scoredError;

    // The framework's side of an offer cycle (OfferHandler): the demand still unmet, and whether it was starved.
    private int remaining;
    private bool offersSinceDemand;
    private bool starved;

    // The master's side: when the next offer round is due, whether one was asked for early, when the agents are
    // free to start the next process.
    private double nextRound;
    private double nextMasterTick;
    private bool roundRequested;
    private double spawnerFree;

    // Per agent: until when the master withholds its offers, which the framework declined (an offer round gave the
    // agent no task). An accepted offer's remainder is not refused (the ACCEPT's refuse_seconds is 0).
    private readonly double[] refusedUntil;

    public ConsumerQueuePlant(Scenario scenario, int seed)
    {
        this.scenario = scenario;
        arrivals = ArrivalProfile.Get(scenario.Arrivals!).Arrivals(seed, scenario.Steps * scenario.StepSeconds);
        queue = (int)scenario.Initial;
        refusedUntil = new double[scenario.Agents];

        // The master's timer is not in step with the controller's: a seeded phase, so runs differ as real ones do.
        nextMasterTick = new Random(seed).NextDouble() * MasterTick;
        nextRound = nextMasterTick;
    }

    private ConsumerQueuePlant(ConsumerQueuePlant other)
    {
        scenario = other.scenario;
        arrivals = other.arrivals;
        consumers = other.consumers.Select(c => c with { }).ToList();
        exited = [.. other.exited];
        nextArrival = other.nextArrival;
        queue = other.queue;
        scoredError = other.scoredError;
        remaining = other.remaining;
        offersSinceDemand = other.offersSinceDemand;
        starved = other.starved;
        nextRound = other.nextRound;
        nextMasterTick = other.nextMasterTick;
        roundRequested = other.roundRequested;
        spawnerFree = other.spawnerFree;
        refusedUntil = [.. other.refusedUntil];
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

    public long? Arrived => nextArrival;

    /// <summary>Consumers alive or about to start (launched, not yet exited).</summary>
    public int Alive => consumers.Count;

    /// <summary>With an offer cycle: what the framework reports to the controller (the latest demand went unmet).</summary>
    public bool? DemandStarved => OfferCycle ? starved : null;

    private bool OfferCycle => scenario.OfferInterval > 0;

    public ConsumerQueuePlant Clone() => new(this);

    public int Count(bool warmer, bool effective) =>
        warmer ? 0 : consumers.Count(c => (c.StartsAt + scenario.StatusLag + scenario.StartupDelay <= Time) == effective)
            + (effective ? exited.Count(e => e.At + scenario.StatusLag > Time) : 0);

    public (int Applied, bool Starved) Apply(int mv)
    {
        var wanted = Math.Abs(mv);
        if (OfferCycle)
        {
            // A warmer has nothing to warm on a queue: only coolers are demanded. As OfferHandler.OnDemand does.
            var count = mv < 0 ? wanted : 0;
            starved = remaining > 0 && (starved || !offersSinceDemand);
            if (remaining == 0 && count > 0)
            {
                // Demand returns after a SUPPRESS: the framework REVIVEs, which clears its filters and asks for a round.
                // Only DECLINEs leave filters, and they go out at once (no journal write before them, unlike an
                // ACCEPT), so the REVIVE always comes after them.
                roundRequested = true;
                Array.Clear(refusedUntil);
            }

            remaining = count;
            offersSinceDemand = false;
            return (-count, starved);
        }

        var capacity = scenario.StarvedAt(Time) ? 0 : Math.Min(scenario.OffersPerStep, scenario.Slots - consumers.Count);
        var launched = Math.Max(0, Math.Min(wanted, capacity));
        Launches += launched;
        // A warmer has nothing to warm on a queue: it is launched and ends at once.
        if (mv < 0)
        {
            for (var i = 0; i < launched; i++)
            {
                // At once, wherever there is room: the least loaded agent.
                Start(1, Enumerable.Range(0, scenario.Agents).MaxBy(a => Free(a, Time)), Time);
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
            if (OfferCycle && now >= nextMasterTick - 1e-9)
            {
                nextMasterTick += MasterTick;
                OfferRound(now);
            }

            // Every consumer's request (and its sleep) slows with the number of bash consumers alive: on two cores they
            // share the CPU, so a crowd of idle pollers makes each one slower to take an item and slower to leave.
            var request = scenario.RequestSeconds + scenario.RequestPerConsumer * consumers.Count(c => c.StartsAt <= now);
            foreach (var c in consumers)
            {
                if (c.StartsAt <= now)
                {
                    TaskSeconds += Math.Min(Tick, now - c.StartsAt);
                }
            }

            // The polls due in this tick in the order the consumers make them, each seeing only the items that arrived
            // before it (so items go to whoever asks first, not to the oldest consumer), and each consumer's next poll
            // timed from when this one was due: a request of a few ms is not rounded up to the 0.05 s tick.
            foreach (var c in consumers.Where(c => c.LeavesAt is null && now >= c.NextPollAt - 1e-9).OrderBy(c => c.NextPollAt).ToList())
            {
                var at = c.NextPollAt;
                Arrive(at);
                if (queue > 0)
                {
                    queue--;
                    c.Idle = 0;
                    c.NextPollAt = at + scenario.Consumer.Service + request;
                }
                else
                {
                    c.Idle += Poll;
                    c.NextPollAt = at + Poll + request;
                    if (c.Idle >= scenario.Consumer.IdleExit - 1e-9)
                    {
                        // The script sleeps once more after its last empty poll, then says bye (one more request).
                        c.LeavesAt = c.NextPollAt;
                    }
                }
            }

            Arrive(now);

            // A task that ends gives its resources back; the master offers them at its next round (not earlier).
            var leaving = consumers.Where(c => c.LeavesAt <= now + 1e-9).ToList();
            if (leaving.Count > 0)
            {
                consumers.RemoveAll(leaving.Contains);

                // The freed resources are more than the filter refused: the agent offers again at the next round.
                foreach (var c in leaving)
                {
                    refusedUntil[c.Agent] = 0;
                }

                exited.RemoveAll(e => e.At + scenario.StatusLag <= now);
                exited.AddRange(leaving.Select(c => (now, c.Agent)));
            }

            Peak = Math.Max(Peak, consumers.Count(c => c.StartsAt <= now));
            if (now > scenario.ScoreFrom)
            {
                scoredError += Math.Abs(scenario.TargetAt(now) - queue) * Tick;
            }

            Time = now;
        }
    }

    /// <summary>The master's tick: an offer round when one is due or asked for, and what the framework launches from it.</summary>
    private void OfferRound(double now)
    {
        if (!roundRequested && now < nextRound - 1e-9)
        {
            return;
        }

        roundRequested = false;
        nextRound = now + scenario.OfferInterval;

        // Suppressed while there is no demand; no offers at all while the scenario starves the cluster; none from an
        // agent that is full or whose last offer the framework declined (until the filter lapses or a task there ends).
        var offering = Enumerable.Range(0, scenario.Agents).Where(a => now >= refusedUntil[a] && Free(a, now) > 0).ToList();
        if (remaining == 0 || scenario.StarvedAt(now) || offering.Count == 0)
        {
            return;
        }

        // OfferMatcher spreads tasks round-robin over the offers, one agent's after another's.
        offersSinceDemand = true;
        var placed = new int[scenario.Agents];
        var launched = 0;
        for (var open = offering.ToList(); launched < remaining && open.Count > 0; open.RemoveAll(a => Free(a, now) - placed[a] <= 0))
        {
            foreach (var agent in open.Take(remaining - launched))
            {
                placed[agent]++;
                launched++;
            }
        }

        foreach (var agent in offering)
        {
            if (placed[agent] == 0)
            {
                // Declined: the master withholds that agent's offers for relay.mesos.refuse.
                refusedUntil[agent] = now + scenario.RefuseSeconds;
            }

            Start(placed[agent], agent, now);
        }

        remaining -= launched;
        starved = remaining > 0;
        Launches += launched;
    }

    /// <summary>Task slots the agent has left: its share of the cluster's, less its consumers and those whose end the master has not seen yet.</summary>
    private int Free(int agent, double now) =>
        (scenario.Slots == int.MaxValue ? int.MaxValue : scenario.Slots / scenario.Agents)
        - consumers.Count(c => c.Agent == agent) - exited.Count(e => e.Agent == agent && e.At + scenario.StatusLag > now);

    private void Arrive(double until)
    {
        while (nextArrival < arrivals.Count && arrivals[nextArrival] <= until)
        {
            queue++;
            nextArrival++;
        }
    }

    /// <summary>Consumers accepted at <paramref name="at"/> on an agent: the agents start their processes one after another.</summary>
    private void Start(int count, int agent, double at)
    {
        for (var i = 0; i < count; i++)
        {
            spawnerFree = Math.Max(spawnerFree, at) + scenario.SpawnSeconds;
            var startsAt = spawnerFree + scenario.LaunchLatency;
            consumers.Add(new Consumer(startsAt, startsAt + scenario.Consumer.Startup + scenario.RequestSeconds, agent));
        }
    }

    private sealed record Consumer(double StartsAt, double NextPollAt, int Agent)
    {
        public double NextPollAt { get; set; } = NextPollAt;

        public double Idle { get; set; }

        /// <summary>When it says bye: set at its last empty poll.</summary>
        public double? LeavesAt { get; set; }
    }
}
