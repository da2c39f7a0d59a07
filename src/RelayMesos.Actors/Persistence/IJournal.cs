namespace RelayMesos.Actors.Persistence;

/// <summary>
/// An append-only event log per persistence id. Implementations must pass the contract suite
/// in RelayMesos.TestKit (<c>JournalContractTests</c>).
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Appends the events atomically: all or none. Sequence numbers are consecutive and follow the
    /// highest stored one; a gap or a duplicate is an error. Any failure (I/O, a fenced-off writer)
    /// is thrown, never swallowed.
    /// </summary>
    Task WriteAsync(IReadOnlyList<PersistentRepresentation> events, CancellationToken cancellationToken = default);

    /// <summary>The events with <paramref name="fromSequenceNr"/> ≤ seq ≤ <paramref name="toSequenceNr"/>, ascending, at most <paramref name="max"/>.</summary>
    IAsyncEnumerable<PersistentRepresentation> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever written for the id, deleted events included (0 when none).</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes events up to and including <paramref name="toSequenceNr"/>. The highest sequence number is kept.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
