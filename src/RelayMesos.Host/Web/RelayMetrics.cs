using RelayMesos.Mesos.V1;

namespace RelayMesos.Host.Web;

/// <summary>The <c>/metrics</c> page: everything <see cref="RelayObserver"/> counts, as <c>relay_mesos_*</c> families.</summary>
public static class RelayMetrics
{
    /// <summary>Every non-terminal state gets a line, zero or not, so a dashboard's series never vanish.</summary>
    private static readonly TaskState[] LiveStates =
        [TaskState.TaskStaging, TaskState.TaskStarting, TaskState.TaskRunning, TaskState.TaskKilling, TaskState.TaskUnreachable, TaskState.TaskUnknown];

    public static string Render(ObservedState s, LatencyHistogram journalWrites)
    {
        var input = s.LastDecision?.Input;
        var byState = s.Tasks.Tasks.Values.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        var (cumulative, count, sum) = journalWrites.Read();
        return new PrometheusTextWriter()
            .Gauge("relay_mesos_leader", "1 when this instance holds the leader lease.", s.IsLeader ? 1 : 0)
            .Gauge("relay_mesos_subscribed", "1 while subscribed to the Mesos master.", s.Subscribed ? 1 : 0)
            .Gauge("relay_mesos_paused", "1 while an operator has paused the controller.", s.Operator is { Paused: true } ? 1 : 0)
            .Counter("relay_mesos_leadership_terms_total", "Leadership terms this process has started (failovers to it).", s.LeadershipTerms)
            .Counter("relay_mesos_samples_total", "Controller steps taken from good samples by this process.", s.Samples)
            .Counter("relay_mesos_sample_failures_total", "Samples in which the metric or the target failed.", s.SampleFailures)
            .Gauge("relay_mesos_pv", "The metric (process variable) at the last step.", input?.Metric)
            .Gauge("relay_mesos_sp", "The target (set point) at the last step.", input?.Target)
            .Gauge("relay_mesos_mv", "The decision (manipulated variable) at the last step.", s.LastDecision?.Decision.Mv)
            .Gauge("relay_mesos_demand_remaining", "Tasks of the current demand not yet launched.", s.Demand?.Remaining ?? 0)
            .Counter("relay_mesos_launches_total", "Tasks launched by this process.", s.Launches)
            .Gauge("relay_mesos_tasks", "This framework's non-terminal tasks by state.", LiveStates.Select(st => ("state", StateName(st), (double)byState.GetValueOrDefault(st))))
            .Counter("relay_mesos_offers_received_total", "Resource offers received from Mesos.", s.OffersReceived)
            .Counter("relay_mesos_offers_declined_total", "Resource offers declined.", s.OffersDeclined)
            .Histogram("relay_mesos_journal_write_seconds", "Latency of journal writes.", journalWrites.UpperBounds, cumulative, count, sum)
            .ToString();
    }

    /// <summary>TASK_RUNNING, the name Mesos' own API and UI use.</summary>
    public static string StateName(TaskState state) =>
        string.Concat(state.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
