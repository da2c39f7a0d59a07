namespace RelayMesos.Failover;

/// <summary>SQLite's <c>PRAGMA synchronous</c> level in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is fsynced to the WAL: a commit that returned survives a power loss.</summary>
    Full,

    /// <summary>
    /// The WAL is fsynced only at checkpoints: survives a crash of the process, but the last commits
    /// may be lost on a power loss or kernel crash. Faster; not the default.
    /// </summary>
    Normal,
}
