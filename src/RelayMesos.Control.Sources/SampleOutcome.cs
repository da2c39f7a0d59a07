namespace RelayMesos.Control.Sources;

/// <summary>What the controller's host does with one poll of the metric and target.</summary>
public abstract record SampleOutcome
{
    private SampleOutcome()
    {
    }

    /// <summary>Step the controller with these values.</summary>
    public sealed record Use(double Target, double Metric) : SampleOutcome;

    /// <summary>No step; the previous demand stands.</summary>
    public sealed record Skip(string Reason) : SampleOutcome;

    /// <summary>No step; demand exactly this MV.</summary>
    public sealed record Fallback(int Demand, string Reason) : SampleOutcome;

    /// <summary>Too many failures in a row: demand 0 and kill nothing until a good sample.</summary>
    public sealed record Pause(string Reason) : SampleOutcome;
}
