namespace RelayMesos.Control.Sources;

/// <summary>A sample, or why there is none. Expected failures are values, not exceptions.</summary>
public sealed record SampleResult(double Value, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static SampleResult Success(double value) =>
        double.IsFinite(value) ? new SampleResult(value, null) : Failed($"value {value} is not a finite number");

    public static SampleResult Failed(string reason) => new(double.NaN, reason);
}
