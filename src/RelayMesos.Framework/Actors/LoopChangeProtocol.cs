namespace RelayMesos.Framework.Actors;

// Runtime changes to the loops (web API → ClusterSingletonProxy → FrameworkSingleton → FrameworkSupervisor), and the
// set of loops the run has, as the supervisor answers and publishes it. A change is journaled (LoopRegistry) before it
// takes effect, so it survives restarts and failovers.

/// <summary>
/// Add or update loops from HOCON: <c>relay.loops { NAME { ... } }</c>, or with <paramref name="Loop"/> that loop's own
/// keys alone. Answered with <see cref="LoopsChanged"/>, or <see cref="LoopChangeRefused"/> when any loop in it is not
/// valid (then nothing changes).
/// </summary>
/// <param name="Source">What the text is called in error messages (the file name the operator gave).</param>
public sealed record ApplyLoops(string Text, string Source, string? Loop = null) : IOperatorMessage;

/// <summary>
/// Remove a loop: nothing more is launched for it, its long-running tasks are killed, run-to-completion ones finish, and
/// its history stays in the journal. Answered with <see cref="LoopsChanged"/> or <see cref="LoopChangeRefused"/>.
/// </summary>
public sealed record RemoveLoop(string Loop) : IOperatorMessage;

/// <summary>Asks for the <see cref="LoopSet"/>.</summary>
public sealed record GetLoopSet : IOperatorMessage
{
    public static GetLoopSet Instance { get; } = new();
}

/// <summary>A change was journaled and made.</summary>
/// <param name="Summary">One line for the operator, e.g. "loop gamma removed: its long-running tasks are killed".</param>
public sealed record LoopsChanged(IReadOnlyList<string> Created, IReadOnlyList<string> Updated, IReadOnlyList<string> Removed, string Summary);

/// <summary>Why a change was refused; nothing changed.</summary>
public enum LoopRefusal
{
    /// <summary>The text or a loop in it is not valid (the error names the place).</summary>
    Invalid,

    /// <summary>No loop of that name runs.</summary>
    NotFound,
}

/// <summary>A change that was not made, with one line saying why.</summary>
public sealed record LoopChangeRefused(LoopRefusal Reason, string Error);

/// <summary>
/// The loops a run has and where each comes from, answered to <see cref="GetLoopSet"/> and published on the event stream
/// whenever it changes (the web API of every instance lists it).
/// </summary>
/// <param name="Loops">By name.</param>
/// <param name="Removed">Loops removed at runtime (their history stays readable), by name.</param>
public sealed record LoopSet(IReadOnlyList<LoopListing> Loops, IReadOnlyList<RemovedLoop> Removed);

/// <summary>One loop of a <see cref="LoopSet"/>.</summary>
/// <param name="Origin"><c>file</c> (the configuration) or <c>applied</c> (at runtime).</param>
/// <param name="State"><c>running</c>, <c>ended</c> (its stop condition or max-failures, this run) or <c>invalid</c> (an applied definition this version cannot run).</param>
/// <param name="Definition">Its HOCON: the file's block of it, or the text applied.</param>
/// <param name="Source">Where an applied definition came from (the file name given).</param>
/// <param name="Problem">Why it ended, or why it cannot run.</param>
public sealed record LoopListing(string Name, string Origin, string State, string Definition, string? Source, DateTimeOffset? AppliedAt, string? Problem);

/// <summary>A loop removed at runtime, and when.</summary>
public sealed record RemovedLoop(string Name, DateTimeOffset At);
