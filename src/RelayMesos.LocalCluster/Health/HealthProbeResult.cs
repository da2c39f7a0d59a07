namespace RelayMesos.LocalCluster.Health;

/// <summary>The outcome of one health check: healthy or not, and a short reason for logs and status messages.</summary>
public sealed record HealthProbeResult(bool Healthy, string Message);
