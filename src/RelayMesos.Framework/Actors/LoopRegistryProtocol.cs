using RelayMesos.Framework.Persistence;

namespace RelayMesos.Framework.Actors;

// FrameworkSupervisor ↔ LoopRegistry: the runtime changes to the loops, read once per term and journaled one change at a time.

/// <summary>Asked once the registry recovered: answered with the <see cref="Registry.LoopRegistryState"/>.</summary>
public sealed record GetRuntimeEntries
{
    public static GetRuntimeEntries Instance { get; } = new();
}

/// <summary>Journal these changes (all of them, as one write), then answer <see cref="LoopChangesRecorded"/>.</summary>
/// <param name="Request">What the supervisor does once they are durable, handed back unchanged.</param>
public sealed record RecordLoopChanges(IReadOnlyList<IJournaledMessage> Changes, object Request);

/// <summary>The changes are in the journal.</summary>
public sealed record LoopChangesRecorded(IReadOnlyList<IJournaledMessage> Changes, object Request);
