using RelayMesos.Framework.Settings;

namespace RelayMesos.Framework.Tasks;

/// <summary>
/// How many tasks of each kind one framework term launched so far: planned (offer handler) or recorded in the
/// task table (reconciler). A demand is counted on a table; launches planned but not yet recorded when it was
/// counted are already on their way, and are what keeps the next demand from launching them a second time.
/// Every actor of a term starts and stops together, so both sides count from zero in the same term.
/// </summary>
public sealed record LaunchTally(long Warmers, long Coolers)
{
    public static LaunchTally None { get; } = new(0, 0);

    public long Of(TaskKind kind) => kind == TaskKind.Warmer ? Warmers : Coolers;

    public LaunchTally Plus(TaskKind kind, int count) =>
        kind == TaskKind.Warmer ? this with { Warmers = Warmers + count } : this with { Coolers = Coolers + count };

    /// <summary>
    /// How many of the launches of a kind planned so far (this tally) the table a demand was counted on did not
    /// hold yet (<paramref name="counted"/>): the controller could not see them, yet they fill the same gap.
    /// </summary>
    public int Unseen(TaskKind kind, LaunchTally counted) => (int)Math.Clamp(Of(kind) - counted.Of(kind), 0, int.MaxValue);
}
