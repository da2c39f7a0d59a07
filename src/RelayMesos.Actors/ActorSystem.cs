using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RelayMesos.Actors;

/// <summary>
/// The home of a tree of actors under <c>/user</c>: creates top-level actors, owns the event stream and the
/// dead-letter office, and shuts the whole tree down gracefully (newest actors first).
/// </summary>
public sealed class ActorSystem : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(10);
    private readonly ActorCell _guardian;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly DeadLetterLogLimiter _deadLetterLimiter = new(10, TimeSpan.FromSeconds(10));
    private readonly ILogger _log;
    private long _deadLetterCount;

    private ActorSystem(string name, ILoggerFactory loggerFactory)
    {
        Name = name;
        LoggerFactory = loggerFactory;
        _log = loggerFactory.CreateLogger<ActorSystem>();
        DeadLetters = new DeadLetterActorRef(this);
        _guardian = new ActorCell(this, Props.Create(() => new GuardianActor()), null, ActorPath.Root / "user");
        _guardian.Start();
    }

    public string Name { get; }

    public ILoggerFactory LoggerFactory { get; }

    public EventStream EventStream { get; } = new();

    /// <summary>Where undeliverable messages go; telling it counts and publishes a <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>How many messages became dead letters since the system started.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Completes once every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    public static ActorSystem Create(string name, ILoggerFactory? loggerFactory = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid actor system name.", nameof(name));
        }

        return new ActorSystem(name, loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>Creates a top-level actor at <c>/user/name</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _guardian.ActorOf(props, name);

    /// <summary>Stops the actor after its current message; the rest of its mailbox goes to dead letters.</summary>
    public void Stop(IActorRef actor) => _guardian.Stop(actor);

    /// <summary>Graceful shutdown without a deadline.</summary>
    public Task Terminate() => ShutdownAsync(Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Stops the top-level actors one at a time in reverse creation order (each stops its children the same way
    /// first). Returns false, after logging the actors still running, when <paramref name="timeout"/> elapses first.
    /// </summary>
    public async Task<bool> ShutdownAsync(TimeSpan timeout)
    {
        _guardian.SendSystem(Actors.Terminate.Instance);
        try
        {
            await _terminated.Task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            var running = string.Join(", ", _guardian.GetChildren().Select(c => c.Path.ToString()));
            _log.LogWarning("Actor system {SystemName} did not stop within {Timeout}; still running: {Actors}", Name, timeout, running);
            return false;
        }
    }

    /// <summary>Registers a per-system service (e.g. the persistence stores), replacing an earlier one of the same type.</summary>
    public void RegisterExtension<T>(T extension)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(extension);
        _extensions[typeof(T)] = extension;
    }

    public T? GetExtension<T>()
        where T : class => _extensions.TryGetValue(typeof(T), out var extension) ? (T)extension : null;

    public T GetOrAddExtension<T>(Func<ActorSystem, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return (T)_extensions.GetOrAdd(typeof(T), static (_, state) => state.factory(state.system), (factory, system: this));
    }

    public async ValueTask DisposeAsync() => await ShutdownAsync(DisposeTimeout).ConfigureAwait(false);

    public void Dispose() => ShutdownAsync(DisposeTimeout).GetAwaiter().GetResult();

    public override string ToString() => $"ActorSystem[{Name}]";

    internal void RecordDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is DeadLetter)
        {
            return;
        }

        Interlocked.Increment(ref _deadLetterCount);
        var (log, suppressedBefore) = _deadLetterLimiter.Next(Environment.TickCount64);
        if (suppressedBefore > 0)
        {
            _log.LogInformation("{Count} more dead letters were not logged", suppressedBefore);
        }

        if (log)
        {
            _log.LogInformation("Dead letter {MessageType} from {Sender} to {Recipient}", message.GetType().FullName, sender?.Path.ToString() ?? "no sender", recipient.Path);
        }

        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    internal void OnGuardianStopped()
    {
        _log.LogDebug("Actor system {SystemName} terminated", Name);
        _terminated.TrySetResult();
    }
}
