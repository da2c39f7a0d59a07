namespace RelayMesos.EndToEnd.Tests.Scheduling;

/// <summary>
/// About how long a test class (or a collection definition) takes on a quiet 2-core machine, for
/// <see cref="LongestFirstOrderer"/>: the long ones start first, so the short ones fill the end of the run.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExpectedDurationAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}
