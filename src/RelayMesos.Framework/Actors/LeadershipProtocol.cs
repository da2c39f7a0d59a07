namespace RelayMesos.Framework.Actors;

/// <summary>Published by <see cref="FrameworkSingleton"/> whenever this instance's role changes; the web UI and /readyz read it.</summary>
public sealed record LeadershipStatus(bool IsLeader, long? Epoch);
