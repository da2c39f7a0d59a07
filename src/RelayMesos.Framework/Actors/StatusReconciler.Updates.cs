using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Framework.Actors;

// Status updates of the tasks in the table: journaled, then acknowledged (an update Mesos resends until then is never lost).
public sealed partial class StatusReconciler
{
    private void OnStatus(TaskStatus status)
    {
        var taskId = status.TaskId.Value;
        var now = _clock.GetUtcNow();
        _lastUpdate[taskId] = now;
        if (status.Reason == TaskStatus.Types.Reason.Reconciliation)
        {
            LogReconciliationAnswer(status);
        }

        if (!_table.Tasks.TryGetValue(taskId, out var known))
        {
            OnUnknownTask(status, now);
            return;
        }

        bool? healthy = status.HasHealthy ? status.Healthy : null;
        if ((known.State == status.State && healthy == known.Healthy) || TaskStates.IsRegression(known.State, status.State))
        {
            Acknowledge(status);
            return;
        }

        Persist(new TaskStateChanged(taskId, status.State, now, healthy), e =>
        {
            var previous = known.State;
            Apply(e);
            var healthChecked = _loops.Of(known.Loop).HealthCheck.Enabled;
            if (!TaskTable.IsRunning(known, healthChecked)
                && _table.Tasks.TryGetValue(taskId, out var current) && TaskTable.IsRunning(current, healthChecked))
            {
                // The `tasks` metric counts this task from the count the poller is told now; a sample of an older count
                // does not hold it, and must count it in flight. So its running time is the count's time.
                _table = _table.RunningFrom(taskId, TellRunningWarmers());
            }
            LogTransition(known, status);
            Acknowledge(status);
            PublishTable();
            Snapshotting();
            StopIfFailuresExhausted(known.Loop, status);
            if (healthy == false && previous == TaskState.TaskRunning && !known.Killing)
            {
                _logger.LogWarning("Task {TaskId} turned unhealthy; killing it so a healthy one replaces it.", taskId);
                Self.Tell(new KillUnhealthy(taskId), Self);
            }
        });
    }

    private void Acknowledge(TaskStatus status)
    {
        if (!status.HasUuid || status.Uuid.IsEmpty || status.AgentId is null)
        {
            return;
        }

        var ack = new Call.Types.Acknowledge { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid };
        _peers?.Gateway.Tell(new SendCall(new Call { Type = Call.Types.Type.Acknowledge, Acknowledge = ack }), Self);
    }

    private void LogTransition(TaskRecord task, TaskStatus status)
    {
        // A launch that never reached its agent (its ACCEPT went to a master that died): reconciliation reports it gone
        // and the controller plans it again. The lost master was the warning; this is its consequence.
        var lostLaunch = task.State == TaskState.TaskStaging && status.Reason == TaskStatus.Types.Reason.Reconciliation;
        var level = TaskStates.IsFailure(status.State) && !lostLaunch ? LogLevel.Warning : LogLevel.Information;
        _logger.Log(level, "Task {TaskId} ({Kind}) on {Host}: {From} → {To}{Message}{Consequence}",
            task.TaskId, task.Kind, task.Hostname, task.State, status.State,
            string.IsNullOrEmpty(status.Message) ? "" : $" ({status.Message})",
            lostLaunch && TaskStates.IsFailure(status.State) ? "; the launch never started and is planned again" : "");
    }
}
