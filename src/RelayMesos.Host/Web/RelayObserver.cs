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
    /// <summary>Enough recent steps for the chart and for history when the journal cannot answer.</summary>
    public const int RingCapacity = 2000;

    private const int ProblemCapacity = 50;

    private readonly object _gate = new();
    private readonly LinkedList<ControllerHistoryEntry> _ring = new();
    private readonly LinkedList<RecentProblem> _problems = new();
    private readonly List<Channel<ControllerHistoryEntry>> _listeners = [];
    private readonly string _firstLoop;
    private ObservedState _state = new(
        null, 0, null, null, false, null, null, null, null, false, null, TaskTable.Empty, 0, 0, null, 0, 0, 0, [],
        new Dictionary<string, LoopObservation>(StringComparer.Ordinal));

    /// <param name="loops">
    /// The configured loops; the first is the one whose decisions the status, history and chart show. Null: the one
    /// loop <c>default</c>.
    /// </param>
    public RelayObserver(IReadOnlyList<string>? loops = null)
    {
        loops ??= [FrameworkSettings.DefaultLoop];
        _firstLoop = loops[0];
        _state = _state with { Loops = loops.ToDictionary(l => l, LoopObservation.Empty, StringComparer.Ordinal) };
    }

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

    /// <summary>Recent steps and operator changes, oldest first.</summary>
    public IReadOnlyList<ControllerHistoryEntry> Recent()
    {
        lock (_gate)
        {
            return _ring.ToList();
        }
    }

    /// <summary>Takes one event from the stream; unknown events are ignored.</summary>
    public void Record(object @event)
    {
        lock (_gate)
        {
            _state = @event switch
            {
                DecisionMade d => OnLoop(d.Loop, l => d.Step > (l.LastDecision?.Step ?? 0) ? l with { LastDecision = d } : l, d.Loop == _firstLoop ? OnDecision(d) : _state),
                DemandProgress p => OnLoop(p.Loop, l => l with { Demand = p }, p.Loop == _firstLoop ? _state with { Demand = p } : _state),
                SampleFailed f => OnLoop(
                    f.Loop,
                    l => l with { SampleFailures = l.SampleFailures + 1, LastSampleFailure = f.Reason },
                    f.Loop == _firstLoop ? _state with { SampleFailures = _state.SampleFailures + 1, LastSampleFailure = f.Reason } : _state),
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
                OperatorState o => OnLoop(o.Loop, l => l with { Operator = o }, o.Loop == _firstLoop ? OnOperator(o) : _state),
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
    /// A live feed of new history entries for one server-sent-events client. A slow client loses its oldest
    /// unread entries rather than holding memory or slowing the actors down.
    /// </summary>
    public ChannelReader<ControllerHistoryEntry> Listen(CancellationToken until)
    {
        var channel = Channel.CreateBounded<ControllerHistoryEntry>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _listeners.Add(channel);
        }

        until.Register(() =>
        {
            lock (_gate)
            {
                _listeners.Remove(channel);
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

    private ObservedState OnDecision(DecisionMade d)
    {
        if (d.Step <= (_state.LastDecision?.Step ?? 0))
        {
            // A step older than one already shown: a deposed leader that woke up and published what it had queued, or
            // a duplicate. Step numbers a client sees never go back.
            return _state;
        }

        var input = d.Input;
        Append(new ControllerHistoryEntry(
            "step", d.Step, input.At, input.Metric, input.Target, d.Decision.Error, d.Decision.Mv, d.Decision.Reason.ToString(),
            input.RunningWarmers + input.RunningCoolers, input.InFlightWarmers + input.InFlightCoolers, d.Launching,
            _state.Operator?.TargetOverride, "memory"));
        return _state with { LastDecision = d, LastDecisionAt = input.At, SteppedThisTerm = true, Samples = _state.Samples + 1 };
    }

    private ObservedState OnOperator(OperatorState o)
    {
        var previous = _state.Operator;
        var step = _state.LastDecision?.Step ?? 0;
        if (previous is not null && previous.Paused != o.Paused)
        {
            Append(new ControllerHistoryEntry(o.Paused ? "paused" : "resumed", step, DateTimeOffset.UtcNow, null, null, null, null, null, null, null, null, o.TargetOverride, "memory"));
        }

        if (previous is not null && previous.TargetOverride != o.TargetOverride)
        {
            Append(new ControllerHistoryEntry("target-overridden", step, DateTimeOffset.UtcNow, null, null, null, null, null, null, null, null, o.TargetOverride, "memory"));
        }

        return _state with { Operator = o };
    }

    private void Append(ControllerHistoryEntry entry)
    {
        _ring.AddLast(entry);
        if (_ring.Count > RingCapacity)
        {
            _ring.RemoveFirst();
        }

        foreach (var listener in _listeners)
        {
            listener.Writer.TryWrite(entry);
        }
    }
}
