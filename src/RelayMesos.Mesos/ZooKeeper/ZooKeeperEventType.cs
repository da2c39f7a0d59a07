namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>What a <see cref="ZooKeeperWatchEvent"/> reports, with ZooKeeper's wire values.</summary>
public enum ZooKeeperEventType
{
    /// <summary>A change of the session's state, not of a node.</summary>
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
}
