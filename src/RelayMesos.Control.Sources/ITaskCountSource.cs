namespace RelayMesos.Control.Sources;

/// <summary>The framework's own count of running warmer tasks.</summary>
public interface ITaskCountSource
{
    int RunningWarmers { get; }
}
