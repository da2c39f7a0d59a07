using Microsoft.Extensions.Logging;
using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Mesos.Detection;

/// <summary>Picks the detector for a master setting: zk://... follows the leader in ZooKeeper, anything else is a static list.</summary>
public static class MasterDetectors
{
    /// <summary>What is wrong with a master setting (a zk:// URL or a list of masters), or null when it is usable.</summary>
    public static string? Problem(string master)
    {
        ArgumentNullException.ThrowIfNull(master);
        try
        {
            _ = ZooKeeperUrl.IsZooKeeperUrl(master) ? (object)ZooKeeperUrl.Parse(master) : StaticMasterDetector.Parse(master);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    /// <exception cref="FormatException">The setting is neither a zk:// URL nor a list of master addresses.</exception>
    public static IMasterDetector Create(string master, ILoggerFactory loggers) =>
        ZooKeeperUrl.IsZooKeeperUrl(master)
            ? new ZooKeeperMasterDetector(ZooKeeperUrl.Parse(master), loggers.CreateLogger<ZooKeeperMasterDetector>())
            : StaticMasterDetector.Parse(master);
}
