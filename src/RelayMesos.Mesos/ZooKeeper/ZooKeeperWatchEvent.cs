namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>
/// A fired watch (<see cref="Type"/> is a node event and <see cref="Path"/> its node) or a session
/// state change (<see cref="Type"/> is <see cref="ZooKeeperEventType.None"/> and <see cref="Path"/> null).
/// </summary>
public sealed record ZooKeeperWatchEvent(ZooKeeperEventType Type, ZooKeeperSessionState State, string? Path);
