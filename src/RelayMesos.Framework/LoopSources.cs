using RelayMesos.Control.Sources;

namespace RelayMesos.Framework;

/// <summary>Where a loop reads its process variable (<c>relay.metric</c>) and its set point (<c>relay.target</c>).</summary>
public sealed record LoopSources(IMetricSource Metric, IMetricSource Target);
