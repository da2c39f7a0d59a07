using System.Collections.Immutable;
using RelayMesos.Framework.Persistence;

namespace RelayMesos.Framework.Registry;

/// <summary>The runtime changes that stand, by loop name: the fold of the loop registry's journal.</summary>
public sealed record LoopRegistryState(ImmutableDictionary<string, RuntimeEntry> Entries)
{
    public static LoopRegistryState Empty { get; } = new(ImmutableDictionary.Create<string, RuntimeEntry>(StringComparer.Ordinal));

    public LoopRegistryState Apply(IJournaledMessage @event) => @event switch
    {
        LoopApplied e => new(Entries.SetItem(e.Name, RuntimeEntry.Applied(e.Name, e.Definition, e.Source, e.At, e.FileFingerprint))),
        LoopRemoved e => new(Entries.SetItem(e.Name, RuntimeEntry.Removal(e.Name, e.At, e.FileFingerprint))),
        LoopReleased e => new(Entries.Remove(e.Name)),
        _ => this,
    };
}
