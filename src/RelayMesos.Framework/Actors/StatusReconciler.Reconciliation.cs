using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Framework.Actors;

// Reconciliation after every (re)subscription: explicit for the tasks the journal knows, then implicit, and periodically.
public sealed partial class StatusReconciler
{
    private void OnSubscribed(FrameworkSubscribed subscribed)
    {
        if (_frameworkId != subscribed.FrameworkId)
        {
            Persist(new FrameworkIdAssigned(subscribed.FrameworkId), e =>
            {
                _frameworkId = e.FrameworkId;
                Snapshotting();
            });
        }

        _reconciliation = ReconciliationRound.StartedAt(_clock.GetUtcNow());
        _round = "explicit";
        ReconcileRemaining();
        if (_settings.ReconcileInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer("periodic-reconcile", PeriodicReconcile.Instance, _settings.ReconcileInterval);
        }
    }

    private void ReconcileRemaining()
    {
        var now = _clock.GetUtcNow();
        var unheard = _reconciliation.Unheard(_table, _lastUpdate);
        if (unheard.Count == 0)
        {
            Timers.Cancel("reconcile");
            SendReconcile([]);
            return;
        }

        var remaining = ReconciliationRound.Askable(unheard, now);
        if (remaining.Count > 0)
        {
            _logger.LogInformation("Reconciling {Count} task(s) explicitly.", remaining.Count);
            SendReconcile(remaining);
        }

        Timers.StartSingleTimer("reconcile", ReconcileTick.Instance, _reconciliation.Retry);
        _reconciliation = _reconciliation.Backoff();
    }

    private void SendReconcile(IReadOnlyList<TaskRecord> tasks)
    {
        if (tasks.Count == 0)
        {
            _round = "implicit";
        }

        var reconcile = new Call.Types.Reconcile();
        reconcile.Tasks.AddRange(tasks.Select(t => new Call.Types.Reconcile.Types.Task
        {
            TaskId = new TaskID { Value = t.TaskId },
            AgentId = new AgentID { Value = t.AgentId },
        }));
        _peers?.Gateway.Tell(new SendCall(new Call { Type = Call.Types.Type.Reconcile, Reconcile = reconcile }), Self);
    }

    /// <summary>What Mesos says of each task after a takeover is what decides whether anything is killed or launched again.</summary>
    private void LogReconciliationAnswer(TaskStatus status)
    {
        var taskId = status.TaskId.Value;
        _logger.LogInformation(
            "Reconciliation ({Round}): Mesos reports {TaskId} {State} (source {Source}, reason {Reason}); the journal has it {Journaled}.",
            _round, taskId, status.State, status.Source, status.Reason,
            _table.Tasks.TryGetValue(taskId, out var journaled) ? journaled.State.ToString() : _ended.TryGetValue(taskId, out var ended) ? ended.State.ToString() : "unknown");
    }

    private sealed record ReconcileTick
    {
        public static ReconcileTick Instance { get; } = new();
    }

    private sealed record PeriodicReconcile
    {
        public static PeriodicReconcile Instance { get; } = new();
    }
}
