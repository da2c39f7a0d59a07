using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Actors;

/// <summary>
/// One actor's mailbox and lifecycle. The mailbox is two lock-free queues (system messages first) and a
/// "scheduled" flag: whoever flips the flag queues one thread-pool work item that drains up to
/// <see cref="Throughput"/> messages, so an actor never runs on two threads at once.
/// All mutable state below the queues is touched only inside that work item.
/// </summary>
internal sealed class ActorCell : IActorContext, IThreadPoolWorkItem
{
    private const int Throughput = 64;
    private const int Alive = 0;
    private const int Terminating = 1;
    private const int Stopped = 2;

    [ThreadStatic]
    private static ActorCell? t_current;

    [ThreadStatic]
    private static ActorCell? t_constructing;

    private readonly ConcurrentQueue<Envelope> _mailbox = new();
    private readonly ConcurrentQueue<SystemMessage> _systemMailbox = new();
    private readonly ActorCell? _parent;
    private readonly ActorSystem _system;
    private readonly ActorSynchronizationContext _synchronizationContext;
    private readonly UnboundedStash _stash;
    private readonly TimerScheduler _timers;
    private readonly ILogger _log;
    private readonly object _childrenGate = new();
    private readonly List<ChildEntry> _children = [];
    private readonly HashSet<IActorRef> _stoppingChildren = [];
    private readonly HashSet<IActorRef> _watchers = [];
    private readonly HashSet<IActorRef> _watching = [];
    private readonly HashSet<IActorRef> _terminatedQueued = [];
    private Queue<Envelope>? _unstashed;
    private int _scheduled;
    private volatile int _status;
    private volatile bool _pendingTaskDone;
    private Task? _pendingTask;
    private bool _suspended;
    private Exception? _restartCause;
    private ActorBase? _actor;
    private Envelope _current;
    private int _childNameCounter;

    public ActorCell(ActorSystem system, Props props, ActorCell? parent, ActorPath path)
    {
        _system = system;
        Props = props;
        _parent = parent;
        Path = path;
        Self = new LocalActorRef(this);
        _synchronizationContext = new ActorSynchronizationContext(this);
        _stash = new UnboundedStash(this);
        _timers = new TimerScheduler(Self);
        _log = system.LoggerFactory.CreateLogger<ActorCell>();
    }

    /// <summary>The cell whose actor is running on this thread (the implicit sender of <c>Tell(msg)</c>).</summary>
    public static ActorCell? Current => t_current;

    /// <summary>The cell whose actor constructor is running on this thread; ActorBase binds itself to it.</summary>
    public static ActorCell? Constructing => t_constructing;

    public ActorPath Path { get; }

    public LocalActorRef Self { get; }

    IActorRef IActorContext.Self => Self;

    public IActorRef Sender => _current.Sender ?? _system.DeadLetters;

    public IActorRef Parent => (IActorRef?)_parent?.Self ?? ActorRefs.Nobody;

    public ActorSystem System => _system;

    public Props Props { get; }

    public Envelope CurrentEnvelope => _current;

    public bool IsTerminated => _status == Stopped;

    public void Start() => SendSystem(Create.Instance);

    public void Post(object message, IActorRef? sender)
    {
        if (_status == Stopped)
        {
            _system.RecordDeadLetter(message, sender, Self);
            return;
        }

        _mailbox.Enqueue(new Envelope(message, sender));
        Schedule();
    }

    public void SendSystem(SystemMessage message)
    {
        _systemMailbox.Enqueue(message);
        Schedule();
    }

    public ContextScope EnterContext()
    {
        var scope = new ContextScope(t_current);
        t_current = this;
        return scope;
    }

    public void Execute()
    {
        var previousContext = SynchronizationContext.Current;
        using (EnterContext())
        {
            SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
            try
            {
                RunBatch();
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previousContext);
            }
        }

        Interlocked.Exchange(ref _scheduled, 0);
        if (HasWork())
        {
            Schedule();
        }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        ActorCell child;
        lock (_childrenGate)
        {
            if (_status != Alive)
            {
                throw new InvalidOperationException($"{Path} is stopping and cannot create children.");
            }

            if (name is null)
            {
                name = "$" + (++_childNameCounter).ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                ValidateName(name);
            }

            if (_children.Exists(c => c.Cell.Path.Name == name))
            {
                throw new InvalidActorNameException($"An actor named '{name}' already exists under {Path}.");
            }

            child = new ActorCell(_system, props, this, Path / name);
            _children.Add(new ChildEntry(child));
        }

        child.Start();
        return child.Self;
    }

    public IActorRef Child(string name)
    {
        lock (_childrenGate)
        {
            return (IActorRef?)_children.Find(c => c.Cell.Path.Name == name)?.Cell.Self ?? ActorRefs.Nobody;
        }
    }

    public IEnumerable<IActorRef> GetChildren()
    {
        lock (_childrenGate)
        {
            return _children.Select(c => (IActorRef)c.Cell.Self).ToList();
        }
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not LocalActorRef local)
        {
            return;
        }

        lock (_childrenGate)
        {
            if (_children.Exists(c => c.Cell == local.Cell))
            {
                _stoppingChildren.Add(actor);
            }
        }

        local.Cell.SendSystem(Terminate.Instance);
    }

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Equals(Self) || !_watching.Add(subject))
        {
            return subject;
        }

        if (subject is LocalActorRef local)
        {
            local.Cell.SendSystem(new Watch(Self));
        }
        else
        {
            SendSystem(new DeathWatchNotification(subject));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        _terminatedQueued.Remove(subject);
        if (_watching.Remove(subject) && subject is LocalActorRef local)
        {
            local.Cell.SendSystem(new Unwatch(Self));
        }

        return subject;
    }

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        RequireActor().Become(receive, discardOld: true);
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        RequireActor().Become(receive, discardOld: false);
    }

    public void UnbecomeStacked() => RequireActor().Unbecome();

    /// <summary>Puts messages back at the front of the mailbox, ahead of anything unstashed earlier.</summary>
    public void Prepend(IEnumerable<Envelope> envelopes)
    {
        var queue = new Queue<Envelope>(envelopes);
        if (_unstashed is not null)
        {
            foreach (var envelope in _unstashed)
            {
                queue.Enqueue(envelope);
            }
        }

        _unstashed = queue;
    }

    public void ReportUnhandled(object message)
    {
        _log.LogWarning("Unhandled message {MessageType} from {Sender} at {ActorPath}", message.GetType().FullName, Sender.Path, Path);
        _system.EventStream.Publish(new UnhandledMessage(message, _current.Sender, Self));
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) || name.StartsWith('$'))
        {
            throw new InvalidActorNameException($"'{name}' is not a valid actor name: it must be non-empty, without '/', and not start with '$'.");
        }
    }

    private ActorBase RequireActor() => _actor ?? throw new InvalidOperationException($"{Path} has no running actor instance.");

    private void Schedule()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    private bool HasWork()
    {
        if (_pendingTask is not null)
        {
            return _pendingTaskDone;
        }

        if (!_systemMailbox.IsEmpty)
        {
            return true;
        }

        if (_status == Stopped)
        {
            return !_mailbox.IsEmpty;
        }

        return !_suspended && _status == Alive && (_unstashed is { Count: > 0 } || !_mailbox.IsEmpty);
    }

    private void RunBatch()
    {
        if (_pendingTask is not null)
        {
            if (!_pendingTaskDone)
            {
                return;
            }

            CompletePendingTask();
        }

        for (var processed = 0; processed < Throughput; processed++)
        {
            ProcessSystemMessages();
            if (_status == Stopped)
            {
                DrainMailboxToDeadLetters();
                return;
            }

            if (_pendingTask is not null || _suspended || _status != Alive || !TryDequeue(out var envelope))
            {
                return;
            }

            Invoke(envelope);
        }
    }

    private bool TryDequeue(out Envelope envelope)
    {
        if (_unstashed is { Count: > 0 })
        {
            envelope = _unstashed.Dequeue();
            return true;
        }

        return _mailbox.TryDequeue(out envelope);
    }

    private void Invoke(Envelope envelope)
    {
        _current = envelope;
        var message = envelope.Message;
        try
        {
            switch (message)
            {
                case TimerFired fired:
                    var timed = _timers.Accept(fired);
                    if (timed is null)
                    {
                        return;
                    }

                    message = timed;
                    _current = new Envelope(timed, null);
                    break;
                case TerminatedDelivery delivery:
                    if (!_terminatedQueued.Remove(delivery.Actor))
                    {
                        return;
                    }

                    message = new Terminated(delivery.Actor);
                    _current = new Envelope(message, delivery.Actor);
                    break;
                case PoisonPill:
                    Stop(Self);
                    return;
            }

            Await(RequireActor().AroundReceive(message), message);
        }
#pragma warning disable CA1031 // Any exception from user code is a failure for the supervisor to judge.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HandleFailure(exception, message);
        }
    }

    private void Await(Task? task, object? message)
    {
        if (task is null || task.IsCompletedSuccessfully)
        {
            return;
        }

        if (task.IsCompleted)
        {
            HandleFailure(Unwrap(task), message);
            return;
        }

        _pendingTask = task;
        _pendingTaskDone = false;
        task.ContinueWith(
            static (_, state) =>
            {
                var cell = (ActorCell)state!;
                cell._pendingTaskDone = true;
                cell.Schedule();
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void CompletePendingTask()
    {
        var task = _pendingTask!;
        _pendingTask = null;
        _pendingTaskDone = false;
        if (!task.IsCompletedSuccessfully)
        {
            HandleFailure(Unwrap(task), _current.Message);
        }
    }

    private static Exception Unwrap(Task task) =>
        task.Exception?.InnerExceptions.Count == 1 ? task.Exception.InnerException! : (Exception?)task.Exception ?? new TaskCanceledException(task);

    private void ProcessSystemMessages()
    {
        while (_pendingTask is null && _systemMailbox.TryDequeue(out var message))
        {
            switch (message)
            {
                case Create:
                    CreateActor(reason: null);
                    break;
                case Terminate:
                    BeginTermination();
                    break;
                case Resume:
                    _suspended = false;
                    break;
                case Recreate recreate:
                    BeginRestart(recreate.Cause);
                    break;
                case Failed failed:
                    Supervise(failed);
                    break;
                case Watch watch:
                    if (_status == Stopped)
                    {
                        NotifyTerminated(watch.Watcher);
                    }
                    else
                    {
                        _watchers.Add(watch.Watcher);
                    }

                    break;
                case Unwatch unwatch:
                    _watchers.Remove(unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    OnDeathWatchNotification(notification.Actor);
                    break;
            }
        }
    }

    private void CreateActor(Exception? reason)
    {
        var previous = t_constructing;
        try
        {
            t_constructing = this;
            ActorBase actor;
            try
            {
                actor = Props.NewActor();
            }
            finally
            {
                t_constructing = previous;
            }

            _actor = actor;
            if (actor is IWithUnboundedStash withStash)
            {
                withStash.Stash = _stash;
            }

            if (actor is IWithTimers withTimers)
            {
                withTimers.Timers = _timers;
            }

            _suspended = false;
            _current = default;
            Await(reason is null ? actor.AroundPreStart() : actor.AroundPostRestart(reason), null);
        }
#pragma warning disable CA1031 // A failing constructor or PreStart is reported to the supervisor, never thrown at the sender.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HandleFailure(new ActorInitializationException($"{Path}: creating {Props.Type.Name} failed: {exception.Message}", exception), null);
        }
    }

    private void HandleFailure(Exception cause, object? message)
    {
        _log.LogError(cause, "Actor {ActorPath} failed while processing {MessageType}", Path, message?.GetType().FullName ?? "(start)");
        if (_status != Alive)
        {
            return;
        }

        _suspended = true;
        if (_parent is null)
        {
            BeginTermination();
            return;
        }

        _parent.SendSystem(new Failed(this, cause));
    }

    private void Supervise(Failed failed)
    {
        if (_status != Alive)
        {
            return;
        }

        ChildEntry? entry;
        lock (_childrenGate)
        {
            entry = _children.Find(c => c.Cell == failed.Child);
        }

        if (entry is null)
        {
            return;
        }

        var strategy = Props.SupervisorStrategy ?? _actor?.SupervisorStrategyInternal() ?? SupervisorStrategy.DefaultStrategy;
        var directive = strategy.Decide(failed.Cause);
        var child = failed.Child;
        switch (directive)
        {
            case Directive.Resume:
                _log.LogInformation("Resuming {ActorPath} after {ExceptionType}", child.Path, failed.Cause.GetType().Name);
                child.SendSystem(Resume.Instance);
                break;
            case Directive.Restart:
                var (allowed, next) = entry.Statistics.RequestRestart(strategy.MaxNrOfRetries, strategy.WithinTimeRange, Environment.TickCount64);
                entry.Statistics = next;
                if (!allowed)
                {
                    _log.LogError("Stopping {ActorPath}: more than {MaxRetries} restarts within {Window}", child.Path, strategy.MaxNrOfRetries, strategy.WithinTimeRange);
                    Stop(child.Self);
                    break;
                }

                var delay = strategy.Backoff?.DelayFor(next.RetriesInWindow - 1, Random.Shared.NextDouble()) ?? TimeSpan.Zero;
                _log.LogInformation("Restarting {ActorPath} (attempt {Attempt}) in {Delay}", child.Path, next.RetriesInWindow, delay);
                if (delay <= TimeSpan.Zero)
                {
                    child.SendSystem(new Recreate(failed.Cause));
                }
                else
                {
                    _ = Task.Delay(delay).ContinueWith(static (_, state) => { var (c, cause) = ((ActorCell, Exception))state!; c.SendSystem(new Recreate(cause)); }, (child, failed.Cause), TaskScheduler.Default);
                }

                break;
            case Directive.Stop:
                _log.LogInformation("Stopping {ActorPath} after {ExceptionType}", child.Path, failed.Cause.GetType().Name);
                Stop(child.Self);
                break;
            default:
                _log.LogInformation("Escalating failure of {ActorPath}", child.Path);
                HandleFailure(failed.Cause, null);
                break;
        }
    }

    private void BeginRestart(Exception cause)
    {
        if (_status != Alive)
        {
            return;
        }

        var failedMessage = _current.Message;
        if (_actor is not null)
        {
            try
            {
                _actor.AroundPreRestart(cause, failedMessage);
            }
#pragma warning disable CA1031 // A failing PreRestart must not prevent the restart.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _log.LogError(exception, "PreRestart of {ActorPath} failed", Path);
            }
        }

        _timers.CancelAll();
        _stash.UnstashAll();
        bool waitForChildren;
        lock (_childrenGate)
        {
            waitForChildren = _stoppingChildren.Count > 0;
        }

        if (waitForChildren)
        {
            _restartCause = cause;
        }
        else
        {
            CreateActor(cause);
        }
    }

    private void BeginTermination()
    {
        if (_status != Alive)
        {
            return;
        }

        _status = Terminating;
        _timers.CancelAll();
        if (!StopLastChild())
        {
            FinishTermination();
        }
    }

    /// <summary>Children stop one at a time, newest first, so an actor's dependencies outlive their users.</summary>
    private bool StopLastChild()
    {
        LocalActorRef? last;
        lock (_childrenGate)
        {
            last = _children.Count == 0 ? null : _children[^1].Cell.Self;
            if (last is not null)
            {
                _stoppingChildren.Add(last);
            }
        }

        last?.Cell.SendSystem(Terminate.Instance);
        return last is not null;
    }

    private void FinishTermination()
    {
        if (_actor is not null)
        {
            try
            {
                _actor.AroundPostStop();
            }
#pragma warning disable CA1031 // PostStop failures are logged; the actor is stopping anyway.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _log.LogError(exception, "PostStop of {ActorPath} failed", Path);
            }
        }

        _timers.CancelAll();
        _status = Stopped;
        _actor = null;
        foreach (var envelope in _stash.DrainEnvelopes())
        {
            _system.RecordDeadLetter(envelope.Message, envelope.Sender, Self);
        }

        while (_unstashed is { Count: > 0 })
        {
            var envelope = _unstashed.Dequeue();
            _system.RecordDeadLetter(envelope.Message, envelope.Sender, Self);
        }

        DrainMailboxToDeadLetters();
        _system.EventStream.Unsubscribe(Self);
        foreach (var watcher in _watchers)
        {
            NotifyTerminated(watcher);
        }

        _watchers.Clear();
        foreach (var watched in _watching)
        {
            if (watched is LocalActorRef local)
            {
                local.Cell.SendSystem(new Unwatch(Self));
            }
        }

        _watching.Clear();
        if (_parent is null)
        {
            _system.OnGuardianStopped();
        }
        else
        {
            _parent.SendSystem(new DeathWatchNotification(Self));
        }
    }

    private void NotifyTerminated(IActorRef watcher)
    {
        if (watcher is LocalActorRef local)
        {
            local.Cell.SendSystem(new DeathWatchNotification(Self));
        }
    }

    private void DrainMailboxToDeadLetters()
    {
        while (_mailbox.TryDequeue(out var envelope))
        {
            if (envelope.Message is not TimerFired and not TerminatedDelivery)
            {
                _system.RecordDeadLetter(envelope.Message, envelope.Sender, Self);
            }
        }
    }

    private void OnDeathWatchNotification(IActorRef actor)
    {
        bool wasChild;
        bool childrenStillStopping;
        lock (_childrenGate)
        {
            wasChild = _children.RemoveAll(c => c.Cell.Self.Equals(actor)) > 0;
            _stoppingChildren.Remove(actor);
            childrenStillStopping = _stoppingChildren.Count > 0;
        }

        if (_watching.Remove(actor) && _status == Alive)
        {
            _terminatedQueued.Add(actor);
            _mailbox.Enqueue(new Envelope(new TerminatedDelivery(actor), actor));
        }

        if (!wasChild)
        {
            return;
        }

        if (_status == Terminating)
        {
            if (!StopLastChild())
            {
                FinishTermination();
            }
        }
        else if (_restartCause is not null && !childrenStillStopping)
        {
            var cause = _restartCause;
            _restartCause = null;
            CreateActor(cause);
        }
    }

    /// <summary>Restores the previous "current actor" of the thread when an actor's turn ends.</summary>
    internal readonly struct ContextScope(ActorCell? previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }

    private sealed class ChildEntry(ActorCell cell)
    {
        public ActorCell Cell { get; } = cell;

        public RestartStatistics Statistics { get; set; }
    }
}
