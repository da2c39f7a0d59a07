namespace RelayMesos.Hocon;

/// <summary>
/// One leaf of a resolved configuration. Array elements are leaves with index keys
/// ("hosts.0"). <see cref="Value"/> is the text a reader sees (strings unquoted, numbers as
/// written, null as null).
/// </summary>
public sealed record HoconEntry(string Path, IReadOnlyList<string> Keys, string? Value, HoconOrigin Origin);
