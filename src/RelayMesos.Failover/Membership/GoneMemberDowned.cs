using Akka.Actor;

namespace RelayMesos.Failover.Membership;

/// <summary>
/// Published on the event stream by <see cref="GoneMemberDowning"/> as it downs a member whose process is gone, before
/// the downing: its warning has said what happened, so whoever reports the member unreachable afterwards (the cluster
/// may say so before it shows the member as down) knows it is a consequence.
/// </summary>
public sealed record GoneMemberDowned(Address Member);
