using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Web;

/// <summary>
/// Reads the controller's journal the way the controller recovers it: the latest snapshot gives the step count, and
/// each later <see cref="ControllerStepped"/> (through Akka.Persistence.Query's <c>CurrentEventsByPersistenceId</c>) is
/// the next step. Events behind a snapshot are deleted, so this is the recent history, including earlier leaders' steps.
/// </summary>
public sealed class ControllerHistoryReader(ActorSystem system, string persistenceId)
{
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<ControllerHistoryEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        var step = 0L;
        var from = 1L;
        double? targetOverride = null;
        var snapshots = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        var loaded = await snapshots.Ask<LoadSnapshotResult>(
            new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), SnapshotTimeout, cancellationToken).ConfigureAwait(false);
        if (loaded.Snapshot is { Snapshot: ControllerSnapshot snapshot } selected)
        {
            step = snapshot.Steps;
            from = selected.Metadata.SequenceNr + 1;
            targetOverride = snapshot.TargetOverride;
        }

        var journal = PersistenceQuery.Get(system).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(ReadJournalId(system));
        var events = await journal.CurrentEventsByPersistenceId(persistenceId, from, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer()).WaitAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ControllerHistoryEntry>();
        foreach (var e in events)
        {
            switch (e.Event)
            {
                case ControllerStepped s:
                    entries.Add(ControllerHistoryEntry.Stepped(++step, s.Input, s.Decision, launching: null, targetOverride, "journal"));
                    break;
                case ControllerPaused p:
                    entries.Add(ControllerHistoryEntry.OperatorChange(p.Paused ? "paused" : "resumed", step, At(e.Timestamp), targetOverride, "journal"));
                    break;
                case TargetOverridden t:
                    targetOverride = t.Target;
                    entries.Add(ControllerHistoryEntry.OperatorChange("target-overridden", step, At(e.Timestamp), targetOverride, "journal"));
                    break;
            }
        }

        return entries;
    }

    /// <summary>The read journal beside the configured write journal: Akka.Persistence.Sql's, or the in-memory one.</summary>
    private static string ReadJournalId(ActorSystem system) =>
        system.Settings.Config.GetString("akka.persistence.journal.plugin") == "akka.persistence.journal.sql"
            ? "akka.persistence.query.journal.sql"
            : "akka.persistence.query.journal.inmem";

    /// <summary>Akka.Persistence.Sql stamps events with UTC ticks.</summary>
    private static DateTimeOffset At(long timestamp) => new(timestamp, TimeSpan.Zero);
}
