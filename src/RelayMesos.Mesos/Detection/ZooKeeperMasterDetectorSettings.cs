namespace RelayMesos.Mesos.Detection;

/// <summary>Timing of a <see cref="ZooKeeperMasterDetector"/> and its ZooKeeper session.</summary>
public sealed record ZooKeeperMasterDetectorSettings
{
    /// <summary>The ZooKeeper session timeout asked for (Mesos' own default is 10 s).</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the TCP connect plus handshake with one ZooKeeper server may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one ZooKeeper request may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause before reading the group again after a failed read, and between reconnect rounds.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
