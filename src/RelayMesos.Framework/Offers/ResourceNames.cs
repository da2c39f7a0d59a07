namespace RelayMesos.Framework.Offers;

/// <summary>The Mesos names of the resources a relay task usually asks for.</summary>
public static class ResourceNames
{
    public const string Cpus = "cpus";
    public const string Mem = "mem";
    public const string Disk = "disk";
    public const string Gpus = "gpus";
    public const string Ports = "ports";

    /// <summary>The agent's hostname, which placement constraints may name like an attribute.</summary>
    public const string HostnameField = "hostname";
}
