namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>One SIGKILL of the leader and how long the next one took: to SUBSCRIBED, and to its first controller step.</summary>
internal sealed record Takeover(long OldEpoch, long NewEpoch, TimeSpan ToSubscribed, TimeSpan ToFirstStep)
{
    /// <summary>Subscribed and stepping: the later of the two.</summary>
    public TimeSpan Total => ToSubscribed > ToFirstStep ? ToSubscribed : ToFirstStep;
}
