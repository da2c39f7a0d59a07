using System.Runtime.CompilerServices;

namespace RelayMesos.Actors.Persistence;

/// <summary>The default journal: process memory, for tests and for running without a database.</summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Log> _logs = new(StringComparer.Ordinal);

    public Task WriteAsync(IReadOnlyList<PersistentRepresentation> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var expected = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var @event in events)
            {
                if (!expected.TryGetValue(@event.PersistenceId, out var highest))
                {
                    highest = _logs.TryGetValue(@event.PersistenceId, out var log) ? log.Highest : 0;
                }

                if (@event.SequenceNr != highest + 1)
                {
                    throw new InvalidOperationException(
                        $"Sequence number {@event.SequenceNr} for '{@event.PersistenceId}' does not follow {highest}; duplicates and gaps are rejected.");
                }

                expected[@event.PersistenceId] = @event.SequenceNr;
            }

            foreach (var @event in events)
            {
                if (!_logs.TryGetValue(@event.PersistenceId, out var log))
                {
                    log = new Log();
                    _logs[@event.PersistenceId] = log;
                }

                log.Events.Add(@event);
                log.Highest = @event.SequenceNr;
            }
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<PersistentRepresentation> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<PersistentRepresentation> selected;
        lock (_gate)
        {
            selected = _logs.TryGetValue(persistenceId, out var log)
                ? log.Events.Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr).Take((int)Math.Min(max, int.MaxValue)).ToList()
                : [];
        }

        foreach (var @event in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return @event;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_logs.TryGetValue(persistenceId, out var log) ? log.Highest : 0);
        }
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_logs.TryGetValue(persistenceId, out var log))
            {
                log.Events.RemoveAll(e => e.SequenceNr <= toSequenceNr);
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Log
    {
        public List<PersistentRepresentation> Events { get; } = [];

        public long Highest { get; set; }
    }
}
