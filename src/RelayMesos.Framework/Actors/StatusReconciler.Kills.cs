using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Framework.Actors;

// Killing our own tasks: the warmers a scale-in step chooses, and a task that turned unhealthy. Each kill is journaled first.
public sealed partial class StatusReconciler
{
    private void OnKillWarmers(KillWarmers kill)
    {
        var book = Book(kill.Loop);
        var choice = ScaleInChoice.Of(_table.ForLoop(kill.Loop), kill.Count, book.KillsAsked, kill.KillsCounted);
        if (choice.Victims.Count == 0)
        {
            if (choice.OnTheirWay > 0)
            {
                _logger.LogDebug("Step {Step}: {Count} kill(s) asked for are already on their way.", kill.Step, kill.Count);
            }

            return;
        }

        if (_loops.Of(kill.Loop).DryRun)
        {
            _logger.LogInformation("dry-run: would kill {Count} warmer(s): {Tasks}", choice.Victims.Count, string.Join(", ", choice.Victims.Select(v => v.TaskId)));
            return;
        }

        foreach (var victim in choice.Victims)
        {
            book.KillsAsked++;
            KillTask(victim, scaleIn: true);
        }
    }

    /// <summary>A loop removed at runtime: its long-running tasks are killed (each journaled first), run-to-completion ones finish.</summary>
    private void OnRetireLoop(RetireLoop retire)
    {
        var tasks = _table.ForLoop(retire.Loop).NonTerminal().Where(t => !t.Killing).ToList();
        if (tasks.Count == 0)
        {
            return;
        }

        if (!retire.KillTasks)
        {
            _logger.LogInformation("Loop {Loop} was removed: its {Count} run-to-completion task(s) run to their end.", retire.Loop, tasks.Count);
            return;
        }

        if (_loops.Of(retire.Loop).DryRun)
        {
            _logger.LogInformation("dry-run: would kill the {Count} task(s) of removed loop {Loop}: {Tasks}", tasks.Count, retire.Loop, string.Join(", ", tasks.Select(t => t.TaskId)));
            return;
        }

        _logger.LogInformation("Loop {Loop} was removed: killing its {Count} long-running task(s).", retire.Loop, tasks.Count);
        foreach (var task in tasks)
        {
            KillTask(task);
        }
    }

    private void OnKillUnhealthy(KillUnhealthy kill)
    {
        if (_table.Tasks.TryGetValue(kill.TaskId, out var task) && !task.Killing)
        {
            KillTask(task);
        }
    }

    private void KillTask(TaskRecord task, bool scaleIn = false) =>
        Persist(new TaskKillRequested(task.TaskId), e =>
        {
            _table = _table.WithKilling(e.TaskId);
            if (scaleIn)
            {
                Book(task.Loop).KillsRecorded++;
            }

            var grace = _loops.Of(task.Loop).Task.KillGracePeriod;
            _peers?.Gateway.Tell(new SendCall(KillCall(task.TaskId, task.AgentId, grace)), Self);
            _logger.LogInformation("Killing {TaskId} on {Host} (grace period {Grace}).", task.TaskId, task.Hostname, grace);
            PublishTable();
            Snapshotting();
        });

    private static Call KillCall(string taskId, string? agentId, TimeSpan grace)
    {
        var kill = new Call.Types.Kill
        {
            TaskId = new TaskID { Value = taskId },
            KillPolicy = new KillPolicy { GracePeriod = new DurationInfo { Nanoseconds = grace.Ticks * 100 } },
        };
        if (agentId is not null)
        {
            kill.AgentId = new AgentID { Value = agentId };
        }

        return new Call { Type = Call.Types.Type.Kill, Kill = kill };
    }

    private sealed record KillUnhealthy(string TaskId);
}
