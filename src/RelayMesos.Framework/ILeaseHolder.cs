namespace RelayMesos.Framework;

/// <summary>The SQL lease that guards the framework singleton, as this process holds it.</summary>
public interface ILeaseHolder
{
    /// <summary>The epoch of the lease term this process holds now; null when it holds none, or there is no SQL store.</summary>
    long? HeldEpoch { get; }
}
