namespace RelayMesos.Framework.Registry;

/// <summary>What <see cref="LoopCombination"/> decided: the loops that run, those removed at runtime, and the runtime changes the file overtook.</summary>
/// <param name="Running">By name (ordinal).</param>
/// <param name="Removed">The removals that stand, by name.</param>
/// <param name="Released">Runtime changes to drop from the registry: the file's loop of that name changed since.</param>
public sealed record CombinedLoops(IReadOnlyList<CombinedLoop> Running, IReadOnlyList<RuntimeEntry> Removed, IReadOnlyList<ReleasedEntry> Released);
