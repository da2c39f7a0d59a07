namespace RelayMesos.Control.Controllers;

/// <summary>The new state to persist and the decision to act on.</summary>
public sealed record ControllerStep(ControllerState State, ControllerDecision Decision);
