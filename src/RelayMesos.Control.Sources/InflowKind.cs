namespace RelayMesos.Control.Sources;

/// <summary>How <c>relay.inflow</c>'s source is read: <c>relay.inflow.kind</c>.</summary>
public enum InflowKind
{
    /// <summary>The source gives arrivals per second (RabbitMQ's publish rate, a PromQL <c>rate(...)</c>).</summary>
    Rate,

    /// <summary>
    /// The source gives a cumulative count of arrivals (Kafka's end offsets, a Prometheus counter): differenced between
    /// two samples and divided by the time between them.
    /// </summary>
    Counter,
}
