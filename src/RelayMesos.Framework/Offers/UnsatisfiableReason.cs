namespace RelayMesos.Framework.Offers;

/// <summary>Why a placement constraint kept tasks from being placed.</summary>
public enum UnsatisfiableReason
{
    /// <summary>No offer or running task carries the constraint's attribute at all.</summary>
    AttributeNeverSeen,

    /// <summary>The attribute is there, but no offered or running value is one the constraint admits (CLUSTER, LIKE, UNLIKE).</summary>
    NoAdmissibleValue,

    /// <summary>
    /// Some value could satisfy the constraint, but every offer that still has room for the task is
    /// ruled out by it right now (e.g. MAX_PER reached on every offered host); later offers may do.
    /// </summary>
    BlockedByCurrentOffers,
}
