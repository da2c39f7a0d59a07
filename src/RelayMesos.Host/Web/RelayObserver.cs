using System.Threading.Channels;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Host.Web;

/// <summary>
/// What the web UI, the HTTP API and /metrics know about this instance, fed from the actor system's event
/// stream (through <see cref="ObserverBridge"/>) and from the log (<see cref="RecentProblemsLoggerProvider"/>).
/// Thread-safe: actors write, HTTP requests read.
/// </summary>
public sealed class RelayObserver
{
    /// <summary>The most steps one loop's ring keeps: enough for the chart and for history when the journal cannot answer.</summary>
    public const int RingCapacity = 2000;

    /// <summary>
    /// About how many entries the rings of every loop hold together (an entry is about 200 bytes): with many loops each
    /// keeps fewer, so a deployment of 1,000 loops spends about 12 MB here rather than 400 MB. The journal still holds
    /// every step since a loop's last snapshot.
    /// </summary>
    public const int RingBudget = 60_000;

    /// <summary>The fewest steps a loop's ring keeps however many loops there are: a minute of steps at 1 s.</summary>
    public const int MinRingCapacity = 60;

    private const int ProblemCapacity = 50;

    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<ControllerHistoryEntry>> _rings = new(StringComparer.Ordinal);
    private readonly LinkedList<RecentProblem> _problems = new();
    private readonly List<(string Loop, Channel<ControllerHistoryEntry> Channel)> _listeners = [];
    private readonly int _ringCapacity;
    private ObservedState _state = new(
        null, 0, null, null, false, null, null, null, null, false, null, TaskTable.Empty, 0, 0, null, 0, 0, 0, [],
        new Dictionary<string, LoopObservation>(StringComparer.Ordinal));

    /// <param name="loops">
    /// The configured loops; the first is the one whose decisions the status, <c>/api/history</c> and <c>/api/events</c>
    /// show. Null: the one loop <c>default</c>.
    /// </param>
    public RelayObserver(IReadOnlyList<string>? loops = null)
    {
        loops ??= [FrameworkSettings.DefaultLoop];
        FirstLoop = loops[0];
        _ringCapacity = RingCapacityFor(loops.Count);
        _state = _state with { Loops = loops.ToDictionary(l => l, LoopObservation.Empty, StringComparer.Ordinal) };
    }

    /// <summary>The configuration's first loop: the one the status, the unlabelled metrics and the first-loop endpoints follow.</summary>
    public string FirstLoop { get; }

    /// <summary>How many recent steps each loop's ring keeps when the configuration has <paramref name="loops"/> loops.</summary>
    public static int RingCapacityFor(int loops) => Math.Clamp(RingBudget / Math.Max(1, loops), MinRingCapacity, RingCapacity);

    public ObservedState Current
    {
        get
        {
            lock (_gate)
            {
                return _state with { Problems = _problems.ToList() };
            }
        }
    }

    /// <summary>The first loop's recent steps and operator changes, oldest first.</summary>
    public IReadOnlyList<ControllerHistoryEntry> Recent() => Recent(FirstLoop);

    /// <summary>One loop's recent steps and operator changes, oldest first (none for a loop it has not heard of).</summary>
    public IReadOnlyList<ControllerHistoryEntry> Recent(string loop)
    {
        lock (_gate)
        {
            return _rings.TryGetValue(loop, out var ring) ? ring.ToList() : [];
        }
    }

    /// <summary>
    /// The events that bring another instance's observer to this one's view: the subscription, the task table, and each
    /// loop's operator state, demand, last decision and end. Counters (samples, failures, offers) are not in it: they
    /// count what each instance saw.
    /// </summary>
    public IReadOnlyList<object> Replay()
    {
        lock (_gate)
        {
            var events = new List<object>();
            if (_state.Subscribed && _state.FrameworkId is { } frameworkId)
            {
                events.Add(new FrameworkSubscribed(frameworkId, _state.SubscribedMaster ?? ""));
            }
            else if (_state.DisconnectReason is { } reason)
            {
                events.Add(new FrameworkDisconnected(reason));
            }

            events.Add(new TaskTableChanged(_state.Tasks, LaunchTally.None));
            foreach (var loop in _state.Loops.Values.OrderBy(l => l.Loop, StringComparer.Ordinal))
            {
                events.AddRange(new object?[] { loop.Operator, loop.Demand, loop.LastDecision }.OfType<object>());
                if (loop.Ended is { } ended)
                {
                    events.Add(new LoopEnded(loop.Loop, ended));
                }
            }

            return events;
        }
    }

    /// <summary>Takes one event from the stream; unknown events are ignored.</summary>
    public void Record(object @event)
    {
        lock (_gate)
        {
            _state = @event switch
            {
                DecisionMade d => OnDecision(d),
                DemandProgress p => OnLoop(p.Loop, l => l with { Demand = p }, p.Loop == FirstLoop ? _state with { Demand = p } : _state),
                SampleFailed f => OnLoop(
                    f.Loop,
                    l => l with { SampleFailures = l.SampleFailures + 1, LastSampleFailure = f.Reason },
                    f.Loop == FirstLoop ? _state with { SampleFailures = _state.SampleFailures + 1, LastSampleFailure = f.Reason } : _state),
                LeadershipStatus s => _state with
                {
                    Leadership = s,
                    LeadershipTerms = s.IsLeader && s.Epoch != _state.Leadership?.Epoch ? _state.LeadershipTerms + 1 : _state.LeadershipTerms,
                    Subscribed = s.IsLeader && _state.Subscribed,
                    // The last decision stays (step numbers never go back), but a new term has not stepped yet: until it
                    // does, the API shows the step it recovered from the journal, flagged as recovered.
                    SteppedThisTerm = s.Epoch == _state.Leadership?.Epoch && _state.SteppedThisTerm,
                },
                FrameworkSubscribed s => _state with { FrameworkId = s.FrameworkId, SubscribedMaster = s.Master, Subscribed = true, DisconnectReason = null },
                FrameworkDisconnected d => _state with { Subscribed = false, DisconnectReason = d.Reason },
                OperatorState o => OnOperator(o),
                LoopEnded e => OnLoop(e.Loop, l => l with { Ended = e.Reason }, _state),
                TaskTableChanged t => _state with
                {
                    Tasks = t.Table,
                    Launches = _state.Launches + t.Table.Tasks.Keys.Count(id => !_state.Tasks.Contains(id)),
                },
                OffersHandled o => _state with { OffersReceived = _state.OffersReceived + o.Received, OffersDeclined = _state.OffersDeclined + o.Declined },
                LoopSet set => _state with
                {
                    LoopSet = set,
                    Loops = set.Loops.ToDictionary(l => l.Name, l => _state.Loops.GetValueOrDefault(l.Name) ?? LoopObservation.Empty(l.Name), StringComparer.Ordinal),
                },
                _ => _state,
            };
        }
    }

    public void RecordProblem(RecentProblem problem)
    {
        lock (_gate)
        {
            _problems.AddLast(problem);
            if (_problems.Count > ProblemCapacity)
            {
                _problems.RemoveFirst();
            }
        }
    }

    /// <summary>
    /// A live feed of one loop's new history entries for one server-sent-events client. A slow client loses its oldest
    /// unread entries rather than holding memory or slowing the actors down.
    /// </summary>
    public ChannelReader<ControllerHistoryEntry> Listen(string loop, CancellationToken until)
    {
        var channel = Channel.CreateBounded<ControllerHistoryEntry>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var listener = (loop, channel);
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        until.Register(() =>
        {
            lock (_gate)
            {
                _listeners.Remove(listener);
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>
    /// <paramref name="state"/> with the loop's own observation changed by <paramref name="change"/>. A loop removed at
    /// runtime is left out: its last events may come after the removal.
    /// </summary>
    private static ObservedState OnLoop(string loop, Func<LoopObservation, LoopObservation> change, ObservedState state) =>
        state.LoopSet?.Removed.Any(r => r.Name == loop) == true ? state : state with
        {
            Loops = new Dictionary<string, LoopObservation>(state.Loops, StringComparer.Ordinal)
            {
                [loop] = change(state.Loops.GetValueOrDefault(loop) ?? LoopObservation.Empty(loop)),
            },
        };

    private LoopObservation LoopOf(string loop) => _state.Loops.GetValueOrDefault(loop) ?? LoopObservation.Empty(loop);

    private ObservedState OnDecision(DecisionMade d)
    {
        var loop = LoopOf(d.Loop);
        if (d.Step <= (loop.LastDecision?.Step ?? 0))
        {
            // A step older than one already shown: a deposed leader that woke up and published what it had queued, or
            // a duplicate. Step numbers a client sees never go back.
            return _state;
        }

        Append(d.Loop, ControllerHistoryEntry.Stepped(d.Step, d.Input, d.Decision, d.Launching, loop.Operator?.TargetOverride, "memory"));

        // A loop that steps runs, whatever an earlier term said of it (a new term starts every loop again).
        var state = OnLoop(d.Loop, l => l with { LastDecision = d, Ended = null }, _state);
        return d.Loop == FirstLoop
            ? state with { LastDecision = d, LastDecisionAt = d.Input.At, SteppedThisTerm = true, Samples = _state.Samples + 1 }
            : state;
    }

    private ObservedState OnOperator(OperatorState o)
    {
        var loop = LoopOf(o.Loop);
        var previous = loop.Operator;
        var step = loop.LastDecision?.Step ?? 0;
        if (previous is not null && previous.Paused != o.Paused)
        {
            Append(o.Loop, ControllerHistoryEntry.OperatorChange(o.Paused ? "paused" : "resumed", step, DateTimeOffset.UtcNow, o.TargetOverride, "memory"));
        }

        if (previous is not null && previous.TargetOverride != o.TargetOverride)
        {
            Append(o.Loop, ControllerHistoryEntry.OperatorChange("target-overridden", step, DateTimeOffset.UtcNow, o.TargetOverride, "memory"));
        }

        var state = OnLoop(o.Loop, l => l with { Operator = o }, _state);
        return o.Loop == FirstLoop ? state with { Operator = o } : state;
    }

    private void Append(string loop, ControllerHistoryEntry entry)
    {
        if (!_rings.TryGetValue(loop, out var ring))
        {
            _rings[loop] = ring = new Queue<ControllerHistoryEntry>();
        }

        ring.Enqueue(entry);
        if (ring.Count > _ringCapacity)
        {
            ring.Dequeue();
        }

        foreach (var listener in _listeners)
        {
            if (listener.Loop == loop)
            {
                listener.Channel.Writer.TryWrite(entry);
            }
        }
    }
}
