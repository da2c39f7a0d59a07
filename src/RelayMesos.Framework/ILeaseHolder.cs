namespace RelayMesos.Framework;

/// <summary>The SQL lease that guards the framework singleton, as this process holds it.</summary>
public interface ILeaseHolder
{
    /// <summary>The epoch of the lease term this process holds now; null when it holds none, or there is no SQL store.</summary>
    long? HeldEpoch { get; }

    /// <summary>
    /// Whether this process may act right now: it holds a term whose local deadline has not passed, judged at the time of
    /// asking (a process that woke from a stall past its deadline does not, even before its renewal has failed); always
    /// true without a SQL store, where the lone instance always acts.
    /// </summary>
    bool LeadsNow { get; }
}
