using RelayMesos.Mesos.Scheduler;

namespace RelayMesos.Framework;

/// <summary>
/// A Mesos scheduler client per framework term: a deposed term's client (and its event stream) must die with it, and
/// the master's address may only be known once the host has started (the embedded cluster picks a free port).
/// </summary>
public interface IMesosClientFactory
{
    MesosSchedulerClient Create();
}
