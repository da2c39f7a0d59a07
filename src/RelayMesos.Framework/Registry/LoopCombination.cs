namespace RelayMesos.Framework.Registry;

/// <summary>
/// Which loops a run runs, from the configuration file's loops and the operators' runtime changes (the combining rule of
/// docs/configuration.md): the newer intent wins. A runtime change of a name (apply or remove) stands over the file's
/// loop of that name, across restarts and failovers, for as long as the file's loop of that name is the one it was when
/// the change was made; once the file's loop differs (edited, added or deleted since), the file was changed later and
/// wins, and the runtime change is released.
/// </summary>
public static class LoopCombination
{
    public static CombinedLoops Combine(IReadOnlyList<FileLoop> file, LoopRegistryState registry)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(registry);
        var fromFile = file.ToDictionary(l => l.Name, l => l.Fingerprint, StringComparer.Ordinal);
        var released = new List<ReleasedEntry>();
        var standing = new Dictionary<string, RuntimeEntry>(StringComparer.Ordinal);
        foreach (var entry in registry.Entries.Values)
        {
            var now = fromFile.GetValueOrDefault(entry.Name);
            if (now == entry.FileFingerprint)
            {
                standing[entry.Name] = entry;
            }
            else
            {
                released.Add(new ReleasedEntry(entry, ReleaseReason(entry, now)));
            }
        }

        var running = fromFile.Keys
            .Where(name => !standing.ContainsKey(name))
            .Select(name => new CombinedLoop(name, null))
            .Concat(standing.Values.Where(e => !e.Removed).Select(e => new CombinedLoop(e.Name, e)))
            .OrderBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
        var removed = standing.Values.Where(e => e.Removed).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        return new CombinedLoops(running, removed, released.OrderBy(r => r.Entry.Name, StringComparer.Ordinal).ToList());
    }

    private static string ReleaseReason(RuntimeEntry entry, string? now)
    {
        var change = entry.Removed ? "removed" : "applied";
        var file = (entry.FileFingerprint, now) switch
        {
            (null, _) => "the configuration file has a loop of that name since",
            (_, null) => "the configuration file no longer has that loop",
            _ => "the configuration file's loop changed since",
        };
        return $"{change} at runtime at {entry.At:u}, but {file}; the file decides again";
    }
}
