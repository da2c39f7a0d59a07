using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Framework.Offers;

/// <summary>
/// The offers of the current subscription that Mesos has not taken back, kept as the event stream is read
/// (before any actor sees the event) and checked as a call leaves. An ACCEPT naming an offer that was
/// rescinded, or that belongs to an earlier subscription, would be refused by the master after the fact
/// (TASK_DROPPED / TASK_LOST with REASON_INVALID_OFFERS); it is cheaper and clearer not to send it.
/// Thread-safe: the stream reader and the call sender are different threads.
/// </summary>
public sealed class OutstandingOffers
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _offers = new(StringComparer.Ordinal);

    /// <summary>Notes what an event from the stream does to the outstanding offers.</summary>
    public void Observe(Event evt)
    {
        lock (_gate)
        {
            switch (evt.Type)
            {
                case Event.Types.Type.Subscribed:
                    // Offers never survive a (re)subscription: Mesos rescinds them and makes new ones.
                    _offers.Clear();
                    break;
                case Event.Types.Type.Offers:
                    _offers.UnionWith(evt.Offers.Offers_.Select(o => o.Id.Value));
                    break;
                case Event.Types.Type.Rescind:
                    _offers.Remove(evt.Rescind.OfferId.Value);
                    break;
            }
        }
    }

    /// <summary>The ids among <paramref name="offerIds"/> that are no longer outstanding.</summary>
    public IReadOnlyList<string> Gone(IEnumerable<string> offerIds)
    {
        lock (_gate)
        {
            return offerIds.Where(id => !_offers.Contains(id)).ToList();
        }
    }

    /// <summary>An ACCEPT or DECLINE answered these offers; an offer is answered once.</summary>
    public void Answered(IEnumerable<string> offerIds)
    {
        lock (_gate)
        {
            _offers.ExceptWith(offerIds);
        }
    }
}
