namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>One ZooKeeper server of an ensemble.</summary>
public sealed record ZooKeeperServerAddress(string Host, int Port)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
