namespace RelayMesos.TestKit.Mesos;

/// <summary>The leading master of a <see cref="RealMesosCluster"/>: its index, its URL and when it was elected by its own clock.</summary>
public sealed record ElectedMaster(int Index, Uri Url, DateTimeOffset ElectedAt);
