namespace RelayMesos.Framework.Registry;

/// <summary>A loop of the configuration file, as the combination with runtime changes sees it: its name and fingerprint.</summary>
public sealed record FileLoop(string Name, string Fingerprint);
