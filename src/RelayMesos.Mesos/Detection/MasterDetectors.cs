using Microsoft.Extensions.Logging;
using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Mesos.Detection;

/// <summary>Picks the detector for a master setting: zk://... follows the leader in ZooKeeper, anything else is a static list.</summary>
public static class MasterDetectors
{
    /// <exception cref="FormatException">The setting is neither a zk:// URL nor a list of master addresses.</exception>
    public static IMasterDetector Create(string master, ILoggerFactory loggers) =>
        ZooKeeperUrl.IsZooKeeperUrl(master)
            ? new ZooKeeperMasterDetector(ZooKeeperUrl.Parse(master), loggers.CreateLogger<ZooKeeperMasterDetector>())
            : StaticMasterDetector.Parse(master);
}
