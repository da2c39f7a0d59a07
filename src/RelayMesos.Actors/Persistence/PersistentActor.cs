using Microsoft.Extensions.Logging;

namespace RelayMesos.Actors.Persistence;

/// <summary>
/// An event-sourced actor: state is rebuilt on start (and restart) from the latest snapshot plus the events after
/// it, and changes are made by persisting events whose handlers run only once the journal write succeeded.
/// While recovering, and while a write is in flight, the actor takes no new message from its mailbox, so
/// commands are handled strictly in arrival order against fully persisted state.
/// </summary>
public abstract class PersistentActor : ActorBase, IWithUnboundedStash
{
    private readonly List<PendingEvent> _pending = [];

    /// <summary>The journal key of this actor's events; must be stable across restarts and deployments.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last persisted (or replayed) event; inside a persist handler, that event's.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number a snapshot taken now would carry.</summary>
    public long SnapshotSequenceNr => LastSequenceNr;

    public bool IsRecovering { get; private set; } = true;

    public IStash Stash { get; set; } = null!;

    private PersistenceExtension Persistence => PersistenceExtension.Get(Context.System);

    /// <summary>Handles replayed events, a <see cref="SnapshotOffer"/> and finally <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles commands once recovery has completed.</summary>
    protected abstract bool ReceiveCommand(object message);

    protected sealed override bool Receive(object message) => ReceiveCommand(message);

    /// <summary>
    /// Queues <paramref name="event"/> for writing when the current command handler returns; <paramref name="handler"/>
    /// runs (with the command's sender) after the write succeeded. All events persisted by one command are written atomically.
    /// </summary>
    /// <exception cref="UnregisteredEventTypeException">The event type has no manifest.</exception>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (IsRecovering)
        {
            throw new InvalidOperationException($"{PersistenceId}: Persist cannot be called while recovering.");
        }

        var (manifest, payload) = Persistence.Serializers.Serialize(@event);
        _pending.Add(new PendingEvent(@event, manifest, payload, e => handler((TEvent)e)));
    }

    /// <summary>Persists the events as one atomic write; the handler runs once per event, in order.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            Persist(@event, handler);
        }
    }

    /// <summary>Saves <paramref name="snapshot"/> at <see cref="SnapshotSequenceNr"/>; the outcome arrives as <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        var (manifest, payload) = Persistence.Serializers.Serialize(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, SnapshotSequenceNr, DateTimeOffset.UtcNow);
        var store = Persistence.SnapshotStore;
        RunInBackground(
            () => store.SaveAsync(new StoredSnapshot(metadata, manifest, payload)),
            () => new SaveSnapshotSuccess(metadata),
            cause => new SaveSnapshotFailure(metadata, cause));
    }

    /// <summary>Deletes journaled events up to <paramref name="toSequenceNr"/>; the outcome arrives as <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        var journal = Persistence.Journal;
        var id = PersistenceId;
        RunInBackground(
            () => journal.DeleteMessagesToAsync(id, toSequenceNr),
            () => new DeleteMessagesSuccess(toSequenceNr),
            cause => new DeleteMessagesFailure(toSequenceNr, cause));
    }

    /// <summary>Deletes snapshots up to <paramref name="maxSequenceNr"/>; the outcome arrives as <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    protected void DeleteSnapshots(long maxSequenceNr)
    {
        var store = Persistence.SnapshotStore;
        var id = PersistenceId;
        RunInBackground(
            () => store.DeleteAsync(id, maxSequenceNr),
            () => new DeleteSnapshotsSuccess(maxSequenceNr),
            cause => new DeleteSnapshotsFailure(maxSequenceNr, cause));
    }

    /// <summary>Called when a journal write failed; the actor is stopped afterwards. The default logs the failure.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Context.GetLogger().LogError(cause, "Persistence failure at {ActorPath}: writing {EventType} (sequence number {SequenceNr}) for '{PersistenceId}' failed; stopping", Self.Path, @event.GetType().FullName, sequenceNr, PersistenceId);

    /// <summary>Called when recovery failed; the actor is stopped afterwards. The default logs the failure.</summary>
    protected virtual void OnRecoveryFailure(Exception reason, object? message) =>
        Context.GetLogger().LogError(reason, "Recovery failure at {ActorPath} for '{PersistenceId}' at sequence number {SequenceNr} ({MessageType}); stopping", Self.Path, PersistenceId, LastSequenceNr, message?.GetType().FullName ?? "loading");

    /// <summary>Outcome messages of snapshot and delete requests are not worth an unhandled warning unless they report a failure.</summary>
    protected override void Unhandled(object message)
    {
        switch (message)
        {
            case SaveSnapshotSuccess or DeleteMessagesSuccess or DeleteSnapshotsSuccess:
                return;
            case SaveSnapshotFailure failure:
                Context.GetLogger().LogWarning(failure.Cause, "Saving a snapshot for '{PersistenceId}' failed", PersistenceId);
                return;
            case DeleteMessagesFailure failure:
                Context.GetLogger().LogWarning(failure.Cause, "Deleting events of '{PersistenceId}' failed", PersistenceId);
                return;
            case DeleteSnapshotsFailure failure:
                Context.GetLogger().LogWarning(failure.Cause, "Deleting snapshots of '{PersistenceId}' failed", PersistenceId);
                return;
            default:
                base.Unhandled(message);
                return;
        }
    }

    internal override Task? AroundPreStart()
    {
        base.AroundPreStart();
        return RecoverAsync();
    }

    internal override Task? AroundPostRestart(Exception reason)
    {
        base.AroundPostRestart(reason);
        return RecoverAsync();
    }

    internal override Task? AroundReceive(object message)
    {
        _pending.Clear();
        var command = base.AroundReceive(message);
        return command is null && _pending.Count == 0 ? null : WriteAndApplyAsync(command);
    }

    private async Task RecoverAsync()
    {
        IsRecovering = true;
        object? replaying = null;
        try
        {
            var persistence = Persistence;
            var snapshot = await persistence.SnapshotStore.LoadLatestAsync(PersistenceId, long.MaxValue);
            if (snapshot is not null)
            {
                var state = persistence.Serializers.Deserialize(snapshot.Manifest, snapshot.Payload, PersistenceId);
                LastSequenceNr = snapshot.Metadata.SequenceNr;
                replaying = new SnapshotOffer(snapshot.Metadata, state);
                ReceiveRecover(replaying);
            }

            await foreach (var stored in persistence.Journal.ReplayAsync(PersistenceId, LastSequenceNr + 1, long.MaxValue, long.MaxValue))
            {
                replaying = null;
                var @event = persistence.Serializers.Deserialize(stored.Manifest, stored.Payload, PersistenceId);
                replaying = @event;
                LastSequenceNr = stored.SequenceNr;
                if (!ReceiveRecover(@event))
                {
                    Unhandled(@event);
                }
            }

            // Events deleted after the last snapshot still count: new events must not reuse their numbers.
            LastSequenceNr = Math.Max(LastSequenceNr, await persistence.Journal.ReadHighestSequenceNrAsync(PersistenceId));
            IsRecovering = false;
            replaying = RecoveryCompleted.Instance;
            ReceiveRecover(RecoveryCompleted.Instance);
        }
#pragma warning disable CA1031 // Every recovery failure ends the same way: logged, published, actor stopped.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            OnRecoveryFailure(exception, replaying);
            Context.System.EventStream.Publish(new RecoveryFailure(Self, PersistenceId, exception));
            Context.Stop(Self);
        }
    }

    private async Task WriteAndApplyAsync(Task? command)
    {
        if (command is not null)
        {
            await command;
        }

        while (_pending.Count > 0)
        {
            var batch = _pending.ToList();
            _pending.Clear();
            var timestamp = DateTimeOffset.UtcNow;
            var representations = batch
                .Select((pending, index) => new PersistentRepresentation(PersistenceId, LastSequenceNr + index + 1, pending.Manifest, pending.Payload, timestamp))
                .ToList();
            try
            {
                await Persistence.Journal.WriteAsync(representations);
            }
#pragma warning disable CA1031 // Any write failure stops the actor: its in-memory state can no longer be trusted to match the journal.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                OnPersistFailure(exception, batch[0].Event, representations[0].SequenceNr);
                Context.System.EventStream.Publish(new PersistenceFailure(Self, PersistenceId, representations[0].SequenceNr, exception));
                Context.Stop(Self);
                return;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                LastSequenceNr = representations[i].SequenceNr;
                batch[i].Handler(batch[i].Event);
            }
        }
    }

    private void RunInBackground(Func<Task> operation, Func<object> success, Func<Exception, object> failure)
    {
        var self = Self;
        _ = Task.Run(async () =>
        {
            try
            {
                await operation().ConfigureAwait(false);
                self.Tell(success(), self);
            }
#pragma warning disable CA1031 // The failure is reported to the actor as a message.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                self.Tell(failure(exception), self);
            }
        });
    }

    private sealed record PendingEvent(object Event, string Manifest, byte[] Payload, Action<object> Handler);
}
