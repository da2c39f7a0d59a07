using RelayMesos.Control.Controllers;

namespace RelayMesos.Framework.Actors;

// What RelayController journals. A step records its input: replaying inputs through the pure
// controller rebuilds the exact state (error window, ramp position, cooldowns) a new leader needs.

/// <summary>One controller step: the input it saw and the decision it made.</summary>
public sealed record ControllerStepped(ControllerInput Input, ControllerDecision Decision);

/// <summary>The controller's state at a sequence number; events behind it are deleted.</summary>
public sealed record ControllerSnapshot(string StateJson, long Steps);
