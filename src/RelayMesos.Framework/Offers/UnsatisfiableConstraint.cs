namespace RelayMesos.Framework.Offers;

/// <summary>A constraint that kept a plan short of the wanted launches, and why.</summary>
public sealed record UnsatisfiableConstraint(PlacementConstraint Constraint, UnsatisfiableReason Reason, string Message);
