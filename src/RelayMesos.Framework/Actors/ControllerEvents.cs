using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Persistence;

namespace RelayMesos.Framework.Actors;

// What RelayController journals. A step records its input: replaying inputs through the pure
// controller rebuilds the exact state (error window, ramp position, cooldowns) a new leader needs.

/// <summary>One controller step: the input it saw and the decision it made.</summary>
public sealed record ControllerStepped(ControllerInput Input, ControllerDecision Decision) : IJournaledMessage;

/// <summary>
/// The controller's state at a sequence number; events behind it are deleted. The operator fields were added
/// later with defaults, so snapshots written before them still read (as "not paused, no override").
/// </summary>
public sealed record ControllerSnapshot(string StateJson, long Steps, bool Paused = false, double? TargetOverride = null) : IJournaledMessage;

/// <summary>An operator paused (true) or resumed (false) the controller.</summary>
public sealed record ControllerPaused(bool Paused) : IJournaledMessage;

/// <summary>An operator replaced the sampled set point (null: back to the sampled one).</summary>
public sealed record TargetOverridden(double? Target) : IJournaledMessage;
