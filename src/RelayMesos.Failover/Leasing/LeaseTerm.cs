namespace RelayMesos.Failover.Leasing;

/// <summary>One holder's tenure of a lease: the epoch names it, and it ends when the epoch moves on.</summary>
public sealed record LeaseTerm(string LeaseName, string HolderId, long Epoch);
