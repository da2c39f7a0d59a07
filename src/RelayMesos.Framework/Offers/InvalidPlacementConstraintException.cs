namespace RelayMesos.Framework.Offers;

/// <summary>A placement constraint that cannot be understood, named as it was written.</summary>
public sealed class InvalidPlacementConstraintException(string constraint, string problem)
    : FormatException($"Invalid placement constraint '{constraint}': {problem}")
{
    public string Constraint { get; } = constraint;

    public string Problem { get; } = problem;
}
