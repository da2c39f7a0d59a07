using Prometheus;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Host.Web;

/// <summary>
/// The <c>/metrics</c> page through prometheus-net: everything <see cref="RelayObserver"/> counts, as
/// <c>relay_mesos_*</c> families, in a registry of its own (no process or .NET runtime families, so the page holds
/// exactly the names dashboards were built on). The observer's figures are copied in just before each scrape.
/// </summary>
public sealed class RelayMetrics
{
    /// <summary>Every non-terminal state gets a line, zero or not, so a dashboard's series never vanish.</summary>
    private static readonly TaskState[] LiveStates =
        [TaskState.TaskStaging, TaskState.TaskStarting, TaskState.TaskRunning, TaskState.TaskKilling, TaskState.TaskUnreachable, TaskState.TaskUnknown];

    /// <summary>Buckets from 0.5 ms to 5 s: a journal write on SQLite or PostgreSQL lands well inside.</summary>
    private static readonly double[] JournalWriteBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly RelayObserver _observer;
    private readonly Gauge _leader;
    private readonly Gauge _subscribed;
    private readonly Gauge _paused;
    private readonly Counter _leadershipTerms;
    private readonly Counter _samples;
    private readonly Counter _sampleFailures;
    private readonly Gauge _pv;
    private readonly Gauge _sp;
    private readonly Gauge _mv;
    private readonly Gauge _demandRemaining;
    private readonly Counter _launches;
    private readonly Gauge _tasks;
    private readonly Counter _offersReceived;
    private readonly Counter _offersDeclined;
    private readonly Gauge _loopPv;
    private readonly Gauge _loopSp;
    private readonly Gauge _loopMv;
    private readonly Gauge _loopPaused;
    private readonly Gauge _loopRunning;
    private readonly Gauge _loopDemandRemaining;
    private readonly Counter _loopSampleFailures;

    public RelayMetrics(RelayObserver observer)
    {
        _observer = observer;
        var factory = Metrics.WithCustomRegistry(Registry);
        // pv, sp and mv have no value before the first step: absent then, as a missing sample and not a false zero.
        var untilKnown = new GaugeConfiguration { SuppressInitialValue = true };
        _leader = factory.CreateGauge("relay_mesos_leader", "1 when this instance holds the leader lease.");
        _subscribed = factory.CreateGauge("relay_mesos_subscribed", "1 while subscribed to the Mesos master.");
        _paused = factory.CreateGauge("relay_mesos_paused", "1 while an operator has paused the controller.");
        _leadershipTerms = factory.CreateCounter("relay_mesos_leadership_terms_total", "Leadership terms this process has started (failovers to it).");
        _samples = factory.CreateCounter("relay_mesos_samples_total", "Controller steps taken from good samples by this process.");
        _sampleFailures = factory.CreateCounter("relay_mesos_sample_failures_total", "Samples in which the metric or the target failed.");
        _pv = factory.CreateGauge("relay_mesos_pv", "The metric (process variable) at the last step.", untilKnown);
        _sp = factory.CreateGauge("relay_mesos_sp", "The target (set point) at the last step.", untilKnown);
        _mv = factory.CreateGauge("relay_mesos_mv", "The decision (manipulated variable) at the last step.", untilKnown);
        _demandRemaining = factory.CreateGauge("relay_mesos_demand_remaining", "Tasks of the current demand not yet launched.");
        _launches = factory.CreateCounter("relay_mesos_launches_total", "Tasks launched by this process.");
        _tasks = factory.CreateGauge("relay_mesos_tasks", "This framework's non-terminal tasks by state.", "state");
        foreach (var state in LiveStates)
        {
            _tasks.WithLabels(StateName(state)).Set(0);
        }

        _offersReceived = factory.CreateCounter("relay_mesos_offers_received_total", "Resource offers received from Mesos.");
        _offersDeclined = factory.CreateCounter("relay_mesos_offers_declined_total", "Resource offers declined.");
        // Every loop's own figures under a `loop` label; the families above stay the first loop's, as dashboards know them.
        _loopPv = factory.CreateGauge("relay_mesos_loop_pv", "Each loop's metric (process variable) at its last step.", "loop");
        _loopSp = factory.CreateGauge("relay_mesos_loop_sp", "Each loop's target (set point) at its last step.", "loop");
        _loopMv = factory.CreateGauge("relay_mesos_loop_mv", "Each loop's decision (manipulated variable) at its last step.", "loop");
        _loopPaused = factory.CreateGauge("relay_mesos_loop_paused", "1 while an operator has paused the loop.", "loop");
        _loopRunning = factory.CreateGauge("relay_mesos_loop_running_tasks", "Each loop's running tasks.", "loop");
        _loopDemandRemaining = factory.CreateGauge("relay_mesos_loop_demand_remaining", "Tasks of each loop's demand not yet launched.", "loop");
        _loopSampleFailures = factory.CreateCounter("relay_mesos_loop_sample_failures_total", "Samples of each loop in which its metric or target failed.", "loop");
        JournalWrites = factory.CreateHistogram(
            "relay_mesos_journal_write_seconds", "Latency of journal writes.", new HistogramConfiguration { Buckets = JournalWriteBuckets });
        Registry.AddBeforeCollectCallback(CopyObservedState);
    }

    /// <summary>What <c>/metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>Latency of the controller's journal writes (from Persist to its handler), in seconds.</summary>
    public Histogram JournalWrites { get; }

    /// <summary>TASK_RUNNING, the name Mesos' own API and UI use.</summary>
    public static string StateName(TaskState state) =>
        string.Concat(state.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private void CopyObservedState()
    {
        var s = _observer.Current;
        var input = s.LastDecision?.Input;
        _leader.Set(s.IsLeader ? 1 : 0);
        _subscribed.Set(s.Subscribed ? 1 : 0);
        _paused.Set(s.Operator is { Paused: true } ? 1 : 0);
        _leadershipTerms.IncTo(s.LeadershipTerms);
        _samples.IncTo(s.Samples);
        _sampleFailures.IncTo(s.SampleFailures);
        SetWhenKnown(_pv, input?.Metric);
        SetWhenKnown(_sp, input?.Target);
        SetWhenKnown(_mv, s.LastDecision?.Decision.Mv);
        _demandRemaining.Set(s.Demand?.Remaining ?? 0);
        _launches.IncTo(s.Launches);
        var byState = s.Tasks.Tasks.Values.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        foreach (var state in LiveStates)
        {
            _tasks.WithLabels(StateName(state)).Set(byState.GetValueOrDefault(state));
        }

        _offersReceived.IncTo(s.OffersReceived);
        _offersDeclined.IncTo(s.OffersDeclined);
        CopyLoops(s);
    }

    private void CopyLoops(ObservedState s)
    {
        var running = s.Tasks.RunningByLoop();
        foreach (var loop in s.Loops.Values)
        {
            var decision = loop.LastDecision;
            // A loop that has not stepped has no pv, sp or mv yet: absent, not a false zero.
            if (decision is not null)
            {
                _loopPv.WithLabels(loop.Loop).Set(decision.Input.Metric);
                _loopSp.WithLabels(loop.Loop).Set(decision.Input.Target);
                _loopMv.WithLabels(loop.Loop).Set(decision.Decision.Mv);
            }

            _loopPaused.WithLabels(loop.Loop).Set(loop.Operator is { Paused: true } ? 1 : 0);
            _loopRunning.WithLabels(loop.Loop).Set(running.GetValueOrDefault(loop.Loop));
            _loopDemandRemaining.WithLabels(loop.Loop).Set(loop.Demand?.Remaining ?? 0);
            _loopSampleFailures.WithLabels(loop.Loop).IncTo(loop.SampleFailures);
        }

        // A loop removed at runtime leaves /metrics with it: a series frozen at its last value would read as a live loop.
        foreach (var removed in s.LoopSet?.Removed ?? [])
        {
            foreach (var family in new Collector<Gauge.Child>[] { _loopPv, _loopSp, _loopMv, _loopPaused, _loopRunning, _loopDemandRemaining })
            {
                family.RemoveLabelled(removed.Name);
            }

            _loopSampleFailures.RemoveLabelled(removed.Name);
        }
    }

    private static void SetWhenKnown(Gauge gauge, double? value)
    {
        if (value is { } v)
        {
            gauge.Set(v);
        }
        else
        {
            gauge.Unpublish();
        }
    }
}
