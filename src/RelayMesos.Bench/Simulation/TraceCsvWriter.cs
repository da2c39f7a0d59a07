using System.Globalization;

namespace RelayMesos.Control.Simulation;

/// <summary>Writes a simulation trace as CSV (one header line, one line per step, invariant culture).</summary>
public static class TraceCsvWriter
{
    public static void Write(TextWriter writer, IEnumerable<SimulationStep> trace)
    {
        writer.WriteLine("step,time,target,metric,error,mv,applied,running,in_flight,starved");
        foreach (var s in trace)
        {
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{s.Step},{s.Time},{s.Target},{s.Metric},{s.Error},{s.Mv},{s.Applied},{s.Running},{s.InFlight},{(s.Starved ? 1 : 0)}"));
        }
    }
}
