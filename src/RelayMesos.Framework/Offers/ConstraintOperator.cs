namespace RelayMesos.Framework.Offers;

/// <summary>Marathon's placement constraint operators.</summary>
public enum ConstraintOperator
{
    /// <summary>At most one of our tasks per value of the field.</summary>
    Unique,

    /// <summary>Only agents whose field equals the given value.</summary>
    Cluster,

    /// <summary>Spread tasks evenly over the field's known values.</summary>
    GroupBy,

    /// <summary>Only agents whose field fully matches the regular expression.</summary>
    Like,

    /// <summary>Only agents whose field is missing or does not fully match the regular expression.</summary>
    Unlike,

    /// <summary>At most n of our tasks per value of the field.</summary>
    MaxPer,
}
