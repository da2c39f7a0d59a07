using System.Threading.Channels;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Tests.LocalCluster;

/// <summary>Events received on a stream, awaited by predicate; a wait that runs out fails the test.</summary>
internal sealed class EventLog
{
    private readonly Channel<Event> events = Channel.CreateUnbounded<Event>();
    private readonly List<Event> skipped = [];

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(10);

    public void Add(Event @event) => events.Writer.TryWrite(@event);

    public void Complete() => events.Writer.TryComplete();

    /// <summary>Next matching event; events that do not match are kept for later waits.</summary>
    public async Task<Event> NextAsync(Func<Event, bool> match, TimeSpan? timeout = null)
    {
        var found = skipped.FirstOrDefault(match);
        if (found is not null)
        {
            skipped.Remove(found);
            return found;
        }

        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var @event = await events.Reader.ReadAsync(cts.Token);
                if (match(@event))
                {
                    return @event;
                }

                skipped.Add(@event);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No matching event arrived; seen: " + string.Join(", ", skipped.Where(e => e.Type != Event.Types.Type.Heartbeat)));
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("The stream ended; seen: " + string.Join(", ", skipped.Select(e => e.Type)));
        }
    }

    /// <summary>True when a matching event arrives within the window (used to prove something is NOT sent).</summary>
    public async Task<bool> ArrivesWithinAsync(Func<Event, bool> match, TimeSpan window)
    {
        try
        {
            await NextAsync(match, window);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Forgets events seen so far that nobody waited for.</summary>
    public void DropSkipped() => skipped.Clear();
}
