namespace RelayMesos.Control.Sources;

/// <summary><c>type = tasks</c>: the number of this framework's running warmers (Relay's <c>bash_echo_metric</c>, without pgrep).</summary>
public sealed class TaskCountMetricSource(ITaskCountSource counter) : IMetricSource
{
    public Task<SampleResult> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SampleResult.Success(counter.RunningWarmers));
}
