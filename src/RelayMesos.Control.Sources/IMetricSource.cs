namespace RelayMesos.Control.Sources;

/// <summary>Where a metric (PV) or a target (SP) comes from. Implementations apply their own timeout.</summary>
public interface IMetricSource
{
    Task<SampleResult> ReadAsync(CancellationToken cancellationToken);
}
