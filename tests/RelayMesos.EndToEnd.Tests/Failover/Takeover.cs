namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// One SIGKILL of the leader and where the next one's time went, each measured from the kill: the dead member downed
/// (a survivor found its port closed), the next one leading (lease acquired), its controller history recovered,
/// SUBSCRIBED, and its first controller step.
/// </summary>
internal sealed record Takeover(
    long OldEpoch, long NewEpoch, TimeSpan ToDowned, TimeSpan ToLeading, TimeSpan ToRecovered, TimeSpan ToSubscribed, TimeSpan ToFirstStep)
{
    /// <summary>Subscribed and stepping: the later of the two.</summary>
    public TimeSpan Total => ToSubscribed > ToFirstStep ? ToSubscribed : ToFirstStep;
}
