using Akka.Persistence;
using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Framework.Actors;

// The task table as a journal: recovery, the fold of each event into the table, snapshots, and what a failing journal means.
public sealed partial class StatusReconciler
{
    /// <summary>A journal that cannot write is an incident, not a crash: one line; Akka stops this actor and the term restarts after a backoff.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        _database.Failed("journal write", $"task table event {sequenceNr} not journaled, so not acted on: {cause.Message}");

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        _logger.LogWarning("Task table event {SequenceNr} refused by the journal, so not acted on: {Reason}", sequenceNr, cause.Message);

    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        _database.Failed("journal read", $"task table history could not be recovered: {reason.Message}");

    private void RecoverSnapshot(SnapshotOffer offer)
    {
        var snapshot = (ReconcilerSnapshot)offer.Snapshot;
        _frameworkId = snapshot.FrameworkId;
        _table = TaskTable.Empty.WithLaunched(snapshot.Tasks);
        foreach (var (loop, failures) in snapshot.Failures)
        {
            Book(loop).Failures = failures;
        }
    }

    private void OnRecoveryCompleted()
    {
        if (_table.Count > 0 || _frameworkId is not null)
        {
            _logger.LogInformation("Task table recovered: framework {FrameworkId}, {Count} task(s) not yet terminal.", _frameworkId ?? "(none)", _table.Count);
        }

        StopIfFailuresRecovered();
        PublishTable();
    }

    private void Apply(TaskStateChanged e)
    {
        var previous = _table.Tasks.GetValueOrDefault(e.TaskId);
        if (previous is not null && TaskStates.IsTerminal(e.State))
        {
            RememberEnded(previous with { State = e.State });
        }

        var loop = previous?.Loop ?? _loops.Framework.Loop;
        var book = Book(loop);
        book.Failures = FailureBudget.Apply(book.Failures, previous, e.State, e.At, _loops.Of(loop).MaxFailuresHealthyAfter);
        _table = _table.WithState(e.TaskId, e.State, e.At, e.Healthy);
    }

    private void Snapshotting()
    {
        if (++_eventsSinceSnapshot < _settings.SnapshotEvery)
        {
            return;
        }

        _eventsSinceSnapshot = 0;
        SaveSnapshot(new ReconcilerSnapshot(_frameworkId, _table.NonTerminal(), _books.ToDictionary(b => b.Key, b => b.Value.Failures, StringComparer.Ordinal)));
    }
}
