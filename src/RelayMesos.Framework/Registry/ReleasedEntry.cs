namespace RelayMesos.Framework.Registry;

/// <summary>A runtime change the configuration file overtook: the file's loop of that name changed since.</summary>
public sealed record ReleasedEntry(RuntimeEntry Entry, string Reason);
