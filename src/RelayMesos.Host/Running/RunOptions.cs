namespace RelayMesos.Host.Running;

/// <summary>What <c>relay-mesos run</c> was asked on its own command line.</summary>
public sealed record RunOptions(bool Teardown);
