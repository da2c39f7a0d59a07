namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>A znode's metadata, as ZooKeeper's <c>Stat</c> record carries it.</summary>
public sealed record ZooKeeperStat(
    long CreatedZxid,
    long ModifiedZxid,
    long CreatedTime,
    long ModifiedTime,
    int Version,
    int ChildVersion,
    int AclVersion,
    long EphemeralOwner,
    int DataLength,
    int ChildCount,
    long ChildrenZxid);
