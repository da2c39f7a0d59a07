namespace RelayMesos.Persistence.Sql.Leasing;

/// <summary>
/// The lease term a writer believes it holds. Stores check it against the lease row in the same
/// transaction as every write, so a deposed leader's write is refused.
/// </summary>
public interface ILeaseFence
{
    /// <summary>The term held now, or null when this instance is not the leader.</summary>
    LeaseTerm? CurrentTerm { get; }
}
