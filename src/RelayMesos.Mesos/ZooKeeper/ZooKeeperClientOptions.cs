namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>Settings of a <see cref="ZooKeeperClient"/>.</summary>
public sealed record ZooKeeperClientOptions
{
    /// <summary>The ensemble; the client starts at a random one and moves to the next on connection loss.</summary>
    public required IReadOnlyList<ZooKeeperServerAddress> Servers { get; init; }

    /// <summary>Optional credentials for the digest scheme, sent after every (re)connect.</summary>
    public ZooKeeperDigestCredentials? Credentials { get; init; }

    /// <summary>The session timeout the client asks for; the server may negotiate it into its own bounds.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the TCP connect plus session handshake with one server may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one request may wait for a connection and then for its reply.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause after every server of the ensemble has failed once, before the next round.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest frame accepted from a server (ZooKeeper's own default limit is 1 MiB of data).</summary>
    public int MaxFrameBytes { get; init; } = 16 * 1024 * 1024;
}
