namespace RelayMesos.Persistence.Sql.Leasing;

/// <summary>This instance became leader (<paramref name="IsLeader"/>) or stopped being it, for the term <paramref name="Epoch"/>.</summary>
public sealed record LeadershipChanged(bool IsLeader, long Epoch, string HolderId);
