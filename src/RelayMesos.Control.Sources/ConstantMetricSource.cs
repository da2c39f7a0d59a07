namespace RelayMesos.Control.Sources;

/// <summary><c>type = constant</c>: Relay's integer <c>--target</c>.</summary>
public sealed class ConstantMetricSource(double value) : IMetricSource
{
    public Task<SampleResult> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SampleResult.Success(value));
}
