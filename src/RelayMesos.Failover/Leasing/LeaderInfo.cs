namespace RelayMesos.Failover.Leasing;

/// <summary>Who holds a lease, as the database sees it now (both times from the database clock).</summary>
public sealed record LeaderInfo(string LeaseName, string HolderId, long Epoch, DateTimeOffset ExpiresAt, DateTimeOffset DatabaseNow)
{
    /// <summary>True when the holder let the lease lapse or released it: any instance may take it.</summary>
    public bool IsExpired => ExpiresAt <= DatabaseNow;
}
