using System.Collections.Immutable;
using System.Text.Json;

namespace RelayMesos.Control.Controllers;

/// <summary>
/// Everything a controller remembers between steps. Immutable and JSON round-trippable, because the
/// framework persists it and a new leader must resume from exactly this.
/// </summary>
public sealed record ControllerState
{
    public static ControllerState Initial { get; } = new();

    /// <summary>The last <c>lookback</c> errors, oldest first.</summary>
    public ImmutableArray<double> Window { get; init; } = [];

    /// <summary>The last few targets, oldest first (<c>relay</c> leads a rising target by the effect delay).</summary>
    public ImmutableArray<double> Targets { get; init; } = [];

    public long Steps { get; init; }

    public int RampIndex { get; init; }

    /// <summary>The error the ramp plan was made from (at ramp index 0).</summary>
    public double RampError { get; init; }

    public int LastMv { get; init; }

    public DateTimeOffset? LastWarmAt { get; init; }

    public DateTimeOffset? LastCoolAt { get; init; }

    /// <summary>Consecutive steps the stop condition's rule has held.</summary>
    public int StopRuleSteps { get; init; }

    public double? LastError { get; init; }

    /// <summary>Run-to-completion: how fast the error moves on its own, per step (<c>relay</c> cancels it).</summary>
    public double Drift { get; init; }

    /// <summary>Our warmers, running or in flight, at the previous step.</summary>
    public int LastWarmers { get; init; }

    /// <summary>Our coolers, running or in flight, at the previous step.</summary>
    public int LastCoolers { get; init; }

    /// <summary>Effective coolers less effective warmers at the previous step (what moved the metric during the step).</summary>
    public int LastServing { get; init; }

    /// <summary>
    /// Run-to-completion: how much one effective task of ours moves the error per step while it has work (a queue
    /// consumer's items a step); 0 while unmeasured. <c>relay</c> sizes its launches by it.
    /// </summary>
    public double TaskRate { get; init; }

    /// <summary>The previous step's launches were cut by <c>max-instances</c>: the next step counts as starved.</summary>
    public bool Capped { get; init; }

    public ImmutableArray<ScaleRecommendation> Recommendations { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);

    public static ControllerState FromJson(string json) =>
        JsonSerializer.Deserialize<ControllerState>(json, SerializerOptions)
        ?? throw new JsonException("A controller state cannot be null.");

    /// <summary>Value equality, including the window's elements (records compare arrays by reference).</summary>
    public bool SameAs(ControllerState other) => ToJson() == other.ToJson();

    private static readonly JsonSerializerOptions SerializerOptions = new() { WriteIndented = false };
}
