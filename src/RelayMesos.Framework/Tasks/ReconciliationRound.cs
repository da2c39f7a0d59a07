namespace RelayMesos.Framework.Tasks;

/// <summary>
/// One explicit reconciliation as Mesos' reconciliation.md prescribes: ask about every task known when the round
/// started, retried with backoff, until each has been heard of since; then an implicit round.
/// </summary>
/// <param name="Start">When the round started (the (re)subscription).</param>
/// <param name="Retry">How long to wait for answers before asking again.</param>
public sealed record ReconciliationRound(DateTimeOffset Start, TimeSpan Retry)
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A launch younger than this may still be on its way to the master (ACCEPT and RECONCILE are separate requests):
    /// asked about it, the master would answer "unknown" for a task that is about to exist.
    /// </summary>
    public static readonly TimeSpan LaunchInFlight = TimeSpan.FromSeconds(5);

    public static ReconciliationRound NotStarted { get; } = new(default, FirstRetry);

    public static ReconciliationRound StartedAt(DateTimeOffset start) => new(start, FirstRetry);

    /// <summary>The round's next wait: doubled, at most <see cref="MaxRetry"/>.</summary>
    public ReconciliationRound Backoff() => this with { Retry = TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, Retry.Ticks * 2)) };

    /// <summary>
    /// The tasks the round still waits to hear of. Only what was known when the round started: a task launched since is
    /// no question for the master yet, and counting it would put the implicit round off for as long as launches keep coming.
    /// </summary>
    public IReadOnlyList<TaskRecord> Unheard(TaskTable table, IReadOnlyDictionary<string, DateTimeOffset> lastHeard) =>
        table.NonTerminal()
            .Where(t => t.LaunchedAt < Start)
            .Where(t => !lastHeard.TryGetValue(t.TaskId, out var heard) || heard < Start)
            .ToList();

    /// <summary>Of <paramref name="unheard"/>, those the master can be asked about now (see <see cref="LaunchInFlight"/>).</summary>
    public static IReadOnlyList<TaskRecord> Askable(IReadOnlyList<TaskRecord> unheard, DateTimeOffset now) =>
        unheard.Where(t => now - t.LaunchedAt >= LaunchInFlight).ToList();
}
