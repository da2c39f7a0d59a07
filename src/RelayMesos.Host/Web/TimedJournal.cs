using System.Diagnostics;
using RelayMesos.Actors.Persistence;

namespace RelayMesos.Host.Web;

/// <summary>Times every journal write (failed ones too: a slow failure is still latency the controller waited for).</summary>
public sealed class TimedJournal(IJournal inner, LatencyHistogram writes) : IJournal
{
    public async Task WriteAsync(IReadOnlyList<PersistentRepresentation> events, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.WriteAsync(events, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writes.Observe(Stopwatch.GetElapsedTime(started));
        }
    }

    public IAsyncEnumerable<PersistentRepresentation> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
}
