using System.Collections.Concurrent;
using RelayMesos.Actors;

namespace RelayMesos.TestKit;

/// <summary>
/// A mailbox the test reads: send it messages through <see cref="Ref"/>, then assert on what arrived. The ref
/// delivers straight into the probe's queue (not through an actor mailbox), so messages sent while the system
/// shuts down are still seen; death watch goes through a small helper actor. Every wait is bounded (default 3 s, dilated) and fails the test with a message saying what was expected.
/// </summary>
public sealed class TestProbe
{
    private readonly BlockingCollection<Envelope> _queue = [];
    private readonly TimeSpan _defaultTimeout;
    private readonly Lazy<IActorRef> _watcher;
    private Envelope? _peeked;
    private DateTime? _deadline;

    internal TestProbe(ActorSystem system, string? name, TimeSpan defaultTimeout)
    {
        _defaultTimeout = defaultTimeout;
        System = system;
        Ref = new ProbeActorRef(_queue, name);
        _watcher = new Lazy<IActorRef>(() => system.ActorOf(Props.Create(() => new ProbeWatcherActor(Ref))));
    }

    public ActorSystem System { get; }

    public IActorRef Ref { get; }

    /// <summary>The sender of the last message received.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    /// <summary>Replies to <see cref="LastSender"/> with the probe as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Forwards <paramref name="message"/> to <paramref name="target"/> keeping <see cref="LastSender"/> as sender.</summary>
    public void Forward(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, LastSender);
    }

    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(_ => true, timeout);

    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var envelope = Next(timeout) ?? throw Fail($"Timeout ({Remaining(timeout)}) while waiting for a message of type {typeof(T).Name}.");
        if (envelope.Message is not T typed)
        {
            throw Fail($"Expected a message of type {typeof(T).Name} but got {envelope.Message.GetType().Name}: {envelope.Message}");
        }

        return predicate(typed) ? typed : throw Fail($"The {typeof(T).Name} received did not match the predicate: {typed}");
    }

    /// <summary>Expects exactly <paramref name="expected"/> (by Equals).</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
        where T : notnull
    {
        var actual = ExpectMsg<T>(timeout);
        return Equals(actual, expected) ? actual : throw Fail($"Expected {expected} but got {actual}.");
    }

    /// <summary>Asserts that nothing arrives within <paramref name="duration"/> (dilated).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var envelope = Next(duration);
        if (envelope is not null)
        {
            throw Fail($"Expected no message for {duration} but got {envelope.Message.GetType().Name}: {envelope.Message}");
        }
    }

    /// <summary>Skips messages until one of type <typeparamref name="T"/> matches; fails when none does in time.</summary>
    public T FishForMessage<T>(Predicate<T> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deadline = DateTime.UtcNow + Remaining(timeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var envelope = left > TimeSpan.Zero ? NextRaw(left) : null;
            if (envelope is null)
            {
                throw Fail($"Timeout while fishing for a matching {typeof(T).Name}.");
            }

            if (envelope.Message is T typed && predicate(typed))
            {
                return typed;
            }
        }
    }

    /// <summary>
    /// Collects consecutive <typeparamref name="T"/> messages matching <paramref name="predicate"/> until a message does not
    /// match (it stays queued), none arrives within <paramref name="idle"/>, <paramref name="max"/> elapses, or <paramref name="maxMessages"/> were read.
    /// </summary>
    public IReadOnlyList<T> ReceiveWhile<T>(Predicate<T> predicate, TimeSpan? max = null, TimeSpan? idle = null, int maxMessages = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deadline = DateTime.UtcNow + Remaining(max);
        var idleTimeout = idle is { } i ? TestTimeFactor.Dilate(i) : Timeout.InfiniteTimeSpan;
        var received = new List<T>();
        while (received.Count < maxMessages)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            var envelope = NextRaw(idleTimeout == Timeout.InfiniteTimeSpan || idleTimeout > left ? left : idleTimeout);
            if (envelope is null)
            {
                break;
            }

            if (envelope.Message is T typed && predicate(typed))
            {
                received.Add(typed);
            }
            else
            {
                _peeked = envelope;
                break;
            }
        }

        return received;
    }

    /// <summary>Collects exactly <paramref name="count"/> messages of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> ReceiveN<T>(int count, TimeSpan? timeout = null) =>
        Enumerable.Range(0, count).Select(_ => ExpectMsg<T>(timeout)).ToList();

    /// <summary>Runs <paramref name="action"/> and fails if it took longer than <paramref name="max"/> (dilated); expectations inside share that deadline.</summary>
    public void Within(TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var dilated = TestTimeFactor.Dilate(max);
        var outer = _deadline;
        var start = DateTime.UtcNow;
        _deadline = start + dilated;
        try
        {
            action();
        }
        finally
        {
            _deadline = outer;
        }

        var elapsed = DateTime.UtcNow - start;
        if (elapsed > dilated)
        {
            throw Fail($"The block took {elapsed}, more than the allowed {dilated}.");
        }
    }

    public IActorRef Watch(IActorRef subject)
    {
        _watcher.Value.Tell(new ProbeWatcherActor.WatchRequest(subject), ActorRefs.NoSender);
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        _watcher.Value.Tell(new ProbeWatcherActor.UnwatchRequest(subject), ActorRefs.NoSender);
        return subject;
    }

    /// <summary>Expects the <see cref="Terminated"/> of a watched actor.</summary>
    public Terminated ExpectTerminated(IActorRef subject, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var terminated = ExpectMsg<Terminated>(timeout);
        return terminated.ActorRef.Equals(subject) ? terminated : throw Fail($"Expected Terminated for {subject.Path} but got it for {terminated.ActorRef.Path}.");
    }

    private TimeSpan Remaining(TimeSpan? timeout)
    {
        var wanted = TestTimeFactor.Dilate(timeout ?? _defaultTimeout);
        if (_deadline is { } deadline)
        {
            var left = deadline - DateTime.UtcNow;
            return left < wanted ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : wanted;
        }

        return wanted;
    }

    private Envelope? Next(TimeSpan? timeout) => NextRaw(Remaining(timeout));

    private Envelope? NextRaw(TimeSpan timeout)
    {
        if (_peeked is { } peeked)
        {
            _peeked = null;
            LastSender = peeked.Sender;
            return peeked;
        }

        if (!_queue.TryTake(out var envelope, timeout))
        {
            return null;
        }

        LastSender = envelope.Sender;
        return envelope;
    }

    private static Xunit.Sdk.XunitException Fail(string message) => new($"TestProbe: {message}");

    internal sealed record Envelope(object Message, IActorRef Sender);

    private sealed class ProbeActorRef(BlockingCollection<Envelope> queue, string? name) : IActorRef
    {
        private static int s_counter;

        public ActorPath Path { get; } = ActorPath.Root / "probes" / (name ?? "probe-" + Interlocked.Increment(ref s_counter).ToString(global::System.Globalization.CultureInfo.InvariantCulture));

        public void Tell(object message, IActorRef? sender) => queue.Add(new Envelope(message, sender ?? ActorRefs.Nobody));

        public override string ToString() => $"TestProbe[{Path}]";
    }
}
