using RelayMesos.Framework.Persistence;

namespace RelayMesos.Framework.Registry;

// What the loop registry journals: every runtime change to the set of loops, so it survives restarts and failovers.

/// <summary>An operator applied this loop definition (a new loop, or a new definition of one).</summary>
/// <param name="Definition">The loop's own keys as HOCON, substitutions resolved.</param>
/// <param name="FileFingerprint">The configuration file's loop of this name at the time (null: the file had none).</param>
public sealed record LoopApplied(string Name, string Definition, string Source, DateTimeOffset At, string? FileFingerprint) : IJournaledMessage;

/// <summary>An operator removed this loop.</summary>
public sealed record LoopRemoved(string Name, DateTimeOffset At, string? FileFingerprint) : IJournaledMessage;

/// <summary>The runtime change of this name no longer stands: the configuration file's loop of that name changed since.</summary>
public sealed record LoopReleased(string Name, string Reason) : IJournaledMessage;
