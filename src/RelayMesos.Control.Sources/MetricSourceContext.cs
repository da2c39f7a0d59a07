using Microsoft.Extensions.Logging;

namespace RelayMesos.Control.Sources;

/// <summary>
/// What sources may need from their host: an HTTP client (one, pooled, for every HTTP and Prometheus source of every
/// loop), a clock, logging, and the deployment's command slots (null: no limit).
/// </summary>
public sealed record MetricSourceContext(
    HttpClient Http,
    TimeProvider Clock,
    ILoggerFactory Loggers,
    CommandSlots? Commands = null);
