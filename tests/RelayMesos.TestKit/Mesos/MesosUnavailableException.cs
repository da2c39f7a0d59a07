namespace RelayMesos.TestKit.Mesos;

/// <summary>The real Mesos master could not be found or started; the message says where it looked or what it printed.</summary>
public sealed class MesosUnavailableException(string message) : Exception(message);
