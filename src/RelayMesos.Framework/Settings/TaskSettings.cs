namespace RelayMesos.Framework.Settings;

/// <summary><c>relay.mesos.task</c>: what one warmer or cooler task needs and carries.</summary>
public sealed record TaskSettings(
    double Cpus,
    double Mem,
    double Disk,
    double Gpus,
    int Ports,
    IReadOnlyDictionary<string, double> ExtraResources,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Uris,
    TimeSpan KillGracePeriod);
