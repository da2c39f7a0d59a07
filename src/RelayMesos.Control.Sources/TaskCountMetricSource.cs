namespace RelayMesos.Control.Sources;

/// <summary>
/// <c>type = tasks</c>: the number of this framework's running warmers (Relay's <c>bash_echo_metric</c>, without pgrep).
/// The count is the framework's own state, not something to fetch: the metric poller answers it from the last count
/// the status reconciler told it. Read on its own, there is no count to give.
/// </summary>
public sealed class TaskCountMetricSource : IMetricSource
{
    public static TaskCountMetricSource Instance { get; } = new();

    private TaskCountMetricSource()
    {
    }

    public Task<SampleResult> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SampleResult.Failed("the tasks metric is the framework's own count; only its metric poller can answer it"));
}
