using RelayMesos.Control.Sources;

namespace RelayMesos.Host.Tests;

/// <summary>A plugin metric source that cannot start (its constructor throws), as one whose backing service is missing.</summary>
public sealed class RefusingPluginSource : IMetricSource
{
    public RefusingPluginSource() => throw new InvalidOperationException("no queue named orders on this broker");

    public Task<SampleResult> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(SampleResult.Failed("unreachable"));
}
