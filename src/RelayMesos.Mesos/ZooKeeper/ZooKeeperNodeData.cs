namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>A znode's data and metadata, as read by <see cref="ZooKeeperClient.GetDataAsync"/>.</summary>
public sealed record ZooKeeperNodeData(byte[] Data, ZooKeeperStat Stat);
