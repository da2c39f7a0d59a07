namespace RelayMesos.Framework.Actors;

// What the host's leader elector tells LeadershipSupervisor, and what it publishes.

/// <summary>This instance holds the lease (epoch <paramref name="Epoch"/>): start acting.</summary>
public sealed record LeadershipGained(long Epoch);

/// <summary>This instance lost (or gave up) the lease: stop acting at once.</summary>
public sealed record LeadershipLost(string Reason);

/// <summary>Published whenever this instance's role changes; the web UI and /readyz read it.</summary>
public sealed record LeadershipStatus(bool IsLeader, long? Epoch, bool TermRunning);
