using System.Collections.Concurrent;

namespace RelayMesos.Actors;

/// <summary>
/// System-wide publish/subscribe by message type. A subscription to a type also receives its subtypes and
/// implementations (subscribe to <c>object</c> for everything). Each subscriber gets a published event
/// once, however many of its subscriptions match. Stopped actors are unsubscribed automatically.
/// </summary>
public sealed class EventStream
{
    private readonly object _gate = new();
    private Snapshot _state = new([]);

    /// <summary>Returns false when the subscription already existed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (_state.Subscriptions.Contains((subscriber, channel)))
            {
                return false;
            }

            Volatile.Write(ref _state, new Snapshot([.. _state.Subscriptions, (subscriber, channel)]));
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel) => Remove(s => s.Subscriber.Equals(subscriber) && s.Channel == channel);

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber) => Remove(s => s.Subscriber.Equals(subscriber));

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var state = Volatile.Read(ref _state);
        var recipients = state.RecipientsByType.GetOrAdd(@event.GetType(), state.Resolve);
        foreach (var recipient in recipients)
        {
            recipient.Tell(@event, ActorRefs.NoSender);
        }
    }

    private bool Remove(Predicate<(IActorRef Subscriber, Type Channel)> match)
    {
        lock (_gate)
        {
            var remaining = _state.Subscriptions.FindAll(s => !match(s));
            if (remaining.Count == _state.Subscriptions.Count)
            {
                return false;
            }

            Volatile.Write(ref _state, new Snapshot(remaining));
            return true;
        }
    }

    /// <summary>Subscriptions and the recipients cache swapped together, so a cache never outlives the list it was built from.</summary>
    private sealed class Snapshot(List<(IActorRef Subscriber, Type Channel)> subscriptions)
    {
        public List<(IActorRef Subscriber, Type Channel)> Subscriptions { get; } = subscriptions;

        public ConcurrentDictionary<Type, IActorRef[]> RecipientsByType { get; } = new();

        public IActorRef[] Resolve(Type eventType) =>
            Subscriptions.Where(s => s.Channel.IsAssignableFrom(eventType)).Select(s => s.Subscriber).Distinct().ToArray();
    }
}
