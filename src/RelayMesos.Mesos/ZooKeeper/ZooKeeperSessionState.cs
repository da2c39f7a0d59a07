namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>The client's session state, with ZooKeeper's <c>KeeperState</c> wire values.</summary>
public enum ZooKeeperSessionState
{
    /// <summary>The connection is lost; the session may still be alive and is resumed on reconnect.</summary>
    Disconnected = 0,

    /// <summary>Connected with a live session (a resumed one, or a new one after expiry).</summary>
    SyncConnected = 3,

    AuthFailed = 4,

    /// <summary>The session ended: its ephemeral nodes and watches are gone; a new session follows.</summary>
    Expired = -112,
}
