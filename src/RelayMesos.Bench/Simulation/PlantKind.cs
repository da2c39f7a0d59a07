namespace RelayMesos.Control.Simulation;

public enum PlantKind
{
    /// <summary>PV = queue depth; Poisson arrivals; coolers are run-to-completion workers that start slowly and exit when the queue is empty.</summary>
    Queue,

    /// <summary>PV = effective long-running instances; warmers start one after a start-up delay, MV &lt; 0 kills.</summary>
    Pool,

    /// <summary>
    /// PV = queue depth; the arrivals of an <see cref="ArrivalProfile"/>; coolers are consumers shaped like the real-plant
    /// bench's (<see cref="ConsumerShape"/>): start-up, one item at a time, exit after idling.
    /// </summary>
    ConsumerQueue,
}
