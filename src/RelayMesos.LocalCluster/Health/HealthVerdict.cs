namespace RelayMesos.LocalCluster.Health;

/// <summary>
/// What one check result means for the task: <see cref="Report"/> is the health to announce when it changed
/// (null: nothing new to say), <see cref="Kill"/> is true once the failures in a row reached the limit.
/// </summary>
public sealed record HealthVerdict(bool? Report, bool Kill, int ConsecutiveFailures)
{
    public static HealthVerdict Nothing(int consecutiveFailures) => new(null, false, consecutiveFailures);
}
