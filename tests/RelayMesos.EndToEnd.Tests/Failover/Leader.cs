namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>The instance that holds the lease, the epoch it holds, and its "Leading" log line.</summary>
internal sealed record Leader(RelayProcess Process, long Epoch, LogLine Leading);
