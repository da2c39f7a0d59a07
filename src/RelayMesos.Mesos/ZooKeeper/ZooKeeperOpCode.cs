namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>The request types of ZooKeeper's client protocol that this client speaks.</summary>
internal enum ZooKeeperOpCode
{
    Create = 1,
    Delete = 2,
    Exists = 3,
    GetData = 4,
    Ping = 11,
    GetChildren2 = 12,
    Auth = 100,
    SetWatches = 101,
    CloseSession = -11,
}
