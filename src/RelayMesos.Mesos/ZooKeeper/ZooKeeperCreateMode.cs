namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>How <see cref="ZooKeeperClient.CreateAsync"/> creates a node (ZooKeeper's create flags).</summary>
public enum ZooKeeperCreateMode
{
    Persistent = 0,
    Ephemeral = 1,
    PersistentSequential = 2,
    EphemeralSequential = 3,
}
