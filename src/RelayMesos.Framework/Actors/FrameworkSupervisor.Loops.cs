using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Registry;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Framework.Actors;

// The loops a term runs: the configuration's combined with the runtime changes the registry recovered, and the changes
// operators make while it runs (apply, remove), each journaled before it takes effect and made one at a time.
public sealed partial class FrameworkSupervisor
{
    // Every loop the run has (running or ended), by name: the configuration's or an applied one.
    private readonly SortedDictionary<string, DefinedLoop> _defined = new(StringComparer.Ordinal);

    // Loops that ended in this run (stop condition, max-failures), and why.
    private readonly Dictionary<string, string> _ended = new(StringComparer.Ordinal);

    // Loops removed at runtime, whose removal stands.
    private readonly SortedDictionary<string, RuntimeEntry> _removed = new(StringComparer.Ordinal);

    // A loop's poller and controller stopped on purpose, until they have: a controller of the same persistence id must
    // not recover while the old one may still write.
    private readonly Dictionary<IActorRef, string> _stopping = [];
    private readonly Dictionary<string, LoopDefinition> _startWhenStopped = new(StringComparer.Ordinal);

    // The answers travel to other members (Akka's JSON with type names): arrays and lists, never the compiler's own
    // collection types a [x] literal makes, which the other side cannot create (the answer was lost).
    private static readonly string[] None = [];

    // A change is being journaled: the next one waits (stashed), so each is checked against the loops as they are.
    private bool _changing;

    // False once the run ends or this process stops: no change is made any more.
    private bool _acting = true;

    /// <summary>The registry's changes combined with the configuration's loops: what this term runs.</summary>
    private void DefineLoops(LoopRegistryState entries)
    {
        var combined = LoopCombination.Combine(_loops.All.Select(l => new FileLoop(l.Name, l.Fingerprint)).ToList(), entries);
        foreach (var released in combined.Released)
        {
            _logger.LogWarning("Loop {Loop}: {Reason}.", released.Entry.Name, released.Reason);
        }

        if (combined.Released.Count > 0)
        {
            var events = combined.Released.Select(r => (IJournaledMessage)new LoopReleased(r.Entry.Name, r.Reason)).ToList();
            _registry.Tell(new RecordLoopChanges(events, Released.Instance), Self);
        }

        foreach (var loop in combined.Running)
        {
            _defined[loop.Name] = loop.Applied is { } applied ? Bind(applied) : new DefinedLoop(_loops.Find(loop.Name), null, null);
        }

        foreach (var removed in combined.Removed)
        {
            _removed[removed.Name] = removed;
        }

        var applies = combined.Running.Where(l => !l.FromFile).Select(l => $"{l.Name} applied at {l.Applied!.At:u} ({l.Applied.Source})");
        var removals = combined.Removed.Select(e => $"{e.Name} removed at {e.At:u}");
        if (applies.Concat(removals).ToList() is { Count: > 0 } changes)
        {
            _logger.LogInformation("Runtime loop changes stand: {Changes}.", string.Join("; ", changes));
        }

        if (_defined.Count == 0)
        {
            _logger.LogWarning("No loop runs: every loop was removed at runtime. Apply one with relay-mesos loops apply.");
        }
    }

    /// <summary>An applied loop's journaled definition; one this version cannot run stays listed, with why, and runs nothing.</summary>
    private DefinedLoop Bind(RuntimeEntry applied)
    {
        try
        {
            var definition = (_binder ?? throw new LoopDefinitionException("this process cannot read applied loops")).Bind(applied);
            return new DefinedLoop(definition, applied, null);
        }
        catch (LoopDefinitionException ex)
        {
            _logger.LogError(
                "Loop {Loop} as applied at {At:u} cannot run: {Problem}. Apply a valid definition of it, or remove it.", applied.Name, applied.At, ex.Message);
            return new DefinedLoop(null, applied, ex.Message);
        }
    }

    /// <summary>Every loop's settings that the run has (ended ones too: their tasks still report), by name.</summary>
    private IReadOnlyList<FrameworkSettings> LoopSettings() =>
        _defined.Values.Select(l => l.Definition?.Settings).OfType<FrameworkSettings>().ToList();

    private FrameworkActors Peers() =>
        new(_gateway, _offers, _launcher, _reconciler, new Dictionary<string, LoopActors>(_live, StringComparer.Ordinal));

    /// <summary>The loops changed: the actors that serve every loop learn who runs now, and each new controller its peers.</summary>
    private void Introduce(IEnumerable<string> started)
    {
        var peers = Peers();
        foreach (var actor in new[] { _reconciler, _offers, _launcher }.Concat(started.Select(name => _live[name].Controller)))
        {
            actor.Tell(peers, Self);
        }
    }

    /// <summary>Every loop's settings changed (a loop applied or removed): the actors that serve every loop are told.</summary>
    private void TellLoopSettings()
    {
        var settings = new LoopSettingsChanged(LoopSettings());
        foreach (var actor in new[] { _offers, _launcher, _reconciler })
        {
            actor.Tell(settings, Self);
        }
    }

    /// <summary>
    /// Stops loops' pollers and controllers (still watched, until they have stopped) and withdraws their unlaunched demand,
    /// once the actors that serve every loop no longer name them (nothing is sent to an actor that is stopping).
    /// </summary>
    private void StopLoops(IReadOnlyCollection<string> loops)
    {
        foreach (var loop in loops)
        {
            _startWhenStopped.Remove(loop);
            if (!_live.Remove(loop, out var actors))
            {
                continue;
            }

            foreach (var acting in new[] { actors.MetricPoller!, actors.Controller })
            {
                _stopping[acting] = loop;
                Context.Stop(acting);
            }
        }

        Introduce([]);
        foreach (var loop in loops)
        {
            _offers.Tell(new Demand(TaskKind.Warmer, 0, 0, LaunchTally.None, loop), Self);
        }
    }

    /// <summary>Starts a loop now, or once its earlier actors have stopped.</summary>
    private void StartOrQueue(LoopDefinition definition)
    {
        if (_stopping.ContainsValue(definition.Name))
        {
            _startWhenStopped[definition.Name] = definition;
            return;
        }

        _live[definition.Name] = StartLoop(definition);
        Introduce([definition.Name]);
    }

    private void StartWhenStopped(string loop)
    {
        if (_acting && !_stopping.ContainsValue(loop) && _startWhenStopped.Remove(loop, out var definition))
        {
            _live[loop] = StartLoop(definition);
            Introduce([loop]);
        }
    }

    private void ReceiveLoopChanges()
    {
        Receive<ApplyLoops>(OnApply);
        Receive<RemoveLoop>(OnRemove);
        Receive<LoopChangesRecorded>(OnRecorded);
        Receive<GetLoopSet>(_ => Sender.Tell(CurrentLoopSet(), Self));
    }

    private void OnApply(ApplyLoops apply)
    {
        if (Waits())
        {
            return;
        }

        IReadOnlyList<LoopDefinition> definitions;
        try
        {
            definitions = (_binder ?? throw new LoopDefinitionException("this process cannot read applied loops")).Read(apply.Text, apply.Source, apply.Loop);
        }
        catch (LoopDefinitionException ex)
        {
            _logger.LogInformation("Loop definition from {Source} refused, nothing changed: {Problem}", apply.Source, ex.Message);
            Sender.Tell(new LoopChangeRefused(LoopRefusal.Invalid, ex.Message), Self);
            return;
        }

        var at = _clock.GetUtcNow();
        var events = definitions.Select(d => (IJournaledMessage)new LoopApplied(d.Name, d.Definition, apply.Source, at, _loops.Find(d.Name)?.Fingerprint)).ToList();
        _changing = true;
        _registry.Tell(new RecordLoopChanges(events, new PendingApply(definitions, Sender)), Self);
    }

    private void OnRemove(RemoveLoop remove)
    {
        if (Waits())
        {
            return;
        }

        if (!_defined.ContainsKey(remove.Loop))
        {
            Sender.Tell(new LoopChangeRefused(LoopRefusal.NotFound, NotRunning(remove.Loop)), Self);
            return;
        }

        _changing = true;
        var removal = new LoopRemoved(remove.Loop, _clock.GetUtcNow(), _loops.Find(remove.Loop)?.Fingerprint);
        _registry.Tell(new RecordLoopChanges([removal], new PendingRemoval(remove.Loop, Sender)), Self);
    }

    /// <summary>True when the change must wait (one is being journaled) or cannot be made (the run is ending).</summary>
    private bool Waits()
    {
        if (!_acting)
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException("The run is ending; loops are not changed any more.")), Self);
            return true;
        }

        if (_changing)
        {
            Stash.Stash();
            return true;
        }

        return false;
    }

    /// <summary>The change is durable: it is made now, and the operator is answered.</summary>
    private void OnRecorded(LoopChangesRecorded recorded)
    {
        switch (recorded.Request)
        {
            case PendingApply apply:
                Applied(apply, recorded.Changes.OfType<LoopApplied>().ToList());
                break;
            case PendingRemoval removal:
                Removed(removal, recorded.Changes.OfType<LoopRemoved>().Single());
                break;
        }

        if (recorded.Request is not Released)
        {
            _changing = false;
            Stash.UnstashAll();
        }
    }

    private void Applied(PendingApply apply, IReadOnlyList<LoopApplied> events)
    {
        var created = new List<string>();
        var updated = new List<string>();
        foreach (var (definition, e) in apply.Definitions.Zip(events))
        {
            (_defined.ContainsKey(e.Name) ? updated : created).Add(e.Name);
            var entry = RuntimeEntry.Applied(e.Name, e.Definition, e.Source, e.At, e.FileFingerprint);
            _defined[e.Name] = new DefinedLoop(definition, entry, null);
            _removed.Remove(e.Name);
            _ended.Remove(e.Name);
        }

        StopLoops(events.Select(e => e.Name).ToList());

        // Journaled, so it stands whatever happens next; a run that ended meanwhile starts nothing (the next term will).
        if (_acting)
        {
            // Settings first: a new loop's first demand must find its settings in the offer handler.
            TellLoopSettings();
            foreach (var definition in apply.Definitions)
            {
                _reconciler.Tell(new ResetFailures(definition.Name), Self);
                StartOrQueue(definition);
            }
        }

        PublishLoopSet();
        var summary = string.Join("; ", created.Select(n => $"loop {n} created").Concat(updated.Select(n => $"loop {n} updated (its history goes on)")));
        _logger.LogWarning("Loop change by an operator, from {Source}: {Summary}.", events[0].Source, summary);
        apply.Requester.Tell(new LoopsChanged(created, updated, None, summary), Self);
    }

    private void Removed(PendingRemoval removal, LoopRemoved e)
    {
        var loop = _defined[removal.Loop].Definition;
        _defined.Remove(removal.Loop);
        _ended.Remove(removal.Loop);
        _removed[removal.Loop] = RuntimeEntry.Removal(e.Name, e.At, e.FileFingerprint);
        StopLoops([removal.Loop]);
        var kill = loop?.Settings.Mode == ControllerMode.LongRunning;
        // Before the new settings, so its tasks are killed with the loop's own grace period.
        _reconciler.Tell(new RetireLoop(removal.Loop, kill), Self);
        TellLoopSettings();
        PublishLoopSet();
        var summary = $"loop {removal.Loop} removed: " + (kill ? "its long-running tasks are killed" : "its running tasks run to their end") + "; its history stays readable";
        _logger.LogWarning("Loop change by an operator: {Summary}. {Count} loop(s) run.", summary, _live.Count);
        removal.Requester.Tell(new LoopsChanged(None, None, new[] { removal.Loop }, summary), Self);
    }

    /// <summary>An operator message for one loop: to its controller, or answered why there is none.</summary>
    private void ForwardToLoop(string loop, IOperatorMessage message)
    {
        if (_live.TryGetValue(loop, out var actors))
        {
            actors.Controller.Forward(message);
            return;
        }

        Exception why = _startWhenStopped.ContainsKey(loop)
            ? new InvalidOperationException($"loop '{loop}' is restarting with its new definition; try again")
            : new KeyNotFoundException(NotRunning(loop));
        Sender.Tell(new Status.Failure(why), Self);
    }

    private string NotRunning(string loop) =>
        _removed.TryGetValue(loop, out var removed) ? $"loop '{loop}' was removed at {removed.At:u}"
        : _ended.ContainsKey(loop) ? $"loop '{loop}' has ended in this run"
        : _defined.GetValueOrDefault(loop)?.Problem is { } problem ? $"loop '{loop}' cannot run: {problem}"
        : $"no loop is named '{loop}'";

    private void PublishLoopSet() => Context.System.EventStream.Publish(CurrentLoopSet());

    private LoopSet CurrentLoopSet() => new(
        _defined.Select(kv => new LoopListing(
            kv.Key,
            kv.Value.Applied is null ? "file" : "applied",
            kv.Value.Problem is not null ? "invalid" : _ended.ContainsKey(kv.Key) ? "ended" : "running",
            kv.Value.Definition?.Definition ?? kv.Value.Applied?.Definition ?? "",
            kv.Value.Applied?.Source,
            kv.Value.Applied?.At,
            kv.Value.Problem ?? _ended.GetValueOrDefault(kv.Key))).ToList(),
        _removed.Values.Select(e => new RemovedLoop(e.Name, e.At)).ToList());

    /// <summary>A loop the run has: its definition (null when an applied one cannot run), the runtime change it comes from (null: the file), and why it cannot run.</summary>
    private sealed record DefinedLoop(LoopDefinition? Definition, RuntimeEntry? Applied, string? Problem);

    private sealed record PendingApply(IReadOnlyList<LoopDefinition> Definitions, IActorRef Requester);

    private sealed record PendingRemoval(string Loop, IActorRef Requester);

    /// <summary>Runtime changes the configuration file overtook, dropped from the registry at the start of a term.</summary>
    private sealed record Released
    {
        public static Released Instance { get; } = new();
    }
}
