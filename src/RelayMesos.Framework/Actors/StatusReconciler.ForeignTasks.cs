using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Framework.Actors;

// Live tasks the table does not hold: one of ours that ended and came back is taken back; any other is not ours, and killed.
public sealed partial class StatusReconciler
{
    // Tasks that left the table, so that a late sign of life of one is recognised as ours, not killed as foreign.
    private const int EndedCapacity = 10_000;

    private void OnUnknownTask(TaskStatus status, DateTimeOffset now)
    {
        var taskId = status.TaskId.Value;
        if (!TaskStates.IsTerminal(status.State) && _ended.TryGetValue(taskId, out var ended))
        {
            // Reported gone (a reconciliation answer that raced its launch, an agent that came back), yet alive:
            // the journal holds it, so it is ours again, never a stranger to kill.
            _logger.LogInformation("Task {TaskId}, last seen {State}, is {Now} again; taking it back.", taskId, ended.State, status.State);
            Persist(new TasksLaunched([ended with { State = status.State, RunningSince = status.State == TaskState.TaskRunning ? now : null, Killing = false }]), e =>
            {
                _table = _table.WithLaunched(e.Tasks);
                _ended.Remove(taskId);
                PublishTable();
                Self.Tell(new StatusUpdateReceived(status), Self);
            });
            return;
        }

        if (!TaskStates.IsTerminal(status.State) && _frameworkId is not null)
        {
            // Write-ahead means we journal every task before launching it: an unknown live task is not ours to keep.
            _logger.LogWarning("Mesos runs task {TaskId}, which the journal does not know; killing it.", taskId);
            _peers?.Gateway.Tell(new SendCall(KillCall(taskId, status.AgentId?.Value, _settings.Task.KillGracePeriod)), Self);
        }

        Acknowledge(status);
    }

    private void RememberEnded(TaskRecord task)
    {
        if (_ended.TryAdd(task.TaskId, task))
        {
            _endedOrder.Enqueue(task.TaskId);
            if (_endedOrder.Count > EndedCapacity)
            {
                _ended.Remove(_endedOrder.Dequeue());
            }
        }
        else
        {
            _ended[task.TaskId] = task;
        }
    }
}
