namespace RelayMesos.Failover;

/// <summary>Which database holds the journal, the snapshots and the leader lease.</summary>
public enum SqlProvider
{
    /// <summary>One local file; the embedded default for a single scheduler instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several scheduler instances (failover).</summary>
    Postgres,
}
