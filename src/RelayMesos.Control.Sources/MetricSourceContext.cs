using Microsoft.Extensions.Logging;

namespace RelayMesos.Control.Sources;

/// <summary>What sources may need from their host: an HTTP client, a clock and logging.</summary>
public sealed record MetricSourceContext(
    HttpClient Http,
    TimeProvider Clock,
    ILoggerFactory Loggers);
