using Microsoft.Extensions.Logging;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Actors;

// Tasks entering the table (write-ahead, before ACCEPT leaves) and every task leaving it at once with the embedded cluster.
public sealed partial class StatusReconciler
{
    private void OnRecordLaunches(RecordLaunches record)
    {
        if (_stopRequested || _launchesRefused is not null)
        {
            // The run ends (max-failures) or this process stops: a launch planned meanwhile is never journaled, so it
            // never leaves.
            _logger.LogInformation("{Count} launch(es) not sent: {Reason}.", record.Tasks.Count, _launchesRefused ?? "the run is ending");
            return;
        }

        if (record.Tasks.Any(t => WhyNotLaunched(t.Loop) is not null))
        {
            record = WithoutEndedLoops(record);
            if (record.Tasks.Count == 0)
            {
                return;
            }
        }

        var launcher = Sender;
        Persist(new TasksLaunched(record.Tasks), e =>
        {
            _table = _table.WithLaunched(e.Tasks);
            foreach (var task in e.Tasks)
            {
                var book = Book(task.Loop);
                book.Recorded = book.Recorded.Plus(task.Kind, 1);
            }

            launcher.Tell(new LaunchesRecorded(record.Accept, e.Tasks.Count), Self);
            // Logged here, not by the launcher as it sends: this actor also decides max-failures, so the line of a launch
            // journaled before the stop always comes before the stop's line (a launcher running late on a busy machine
            // wrote it after, and the run seemed to launch once it had stopped).
            _logger.LogInformation("Launching {Count} task(s): {Tasks}", e.Tasks.Count, TaskLauncher.Describe(record.Accept));
            PublishTable();
            Snapshotting();
        });
    }

    /// <summary>Why nothing more is launched for this loop (it ran out of failures, or was removed at runtime); null when it launches.</summary>
    private string? WhyNotLaunched(string loop) =>
        !_loops.Contains(loop) ? "was removed" : Book(loop).Exhausted ? "ran out of failures" : null;

    /// <summary>
    /// The launches of loops that ran out of failures or were removed are dropped from the ACCEPT (planned before the loop
    /// ended); what they would have used of the offers stays unused and returns in a later offer.
    /// </summary>
    private RecordLaunches WithoutEndedLoops(RecordLaunches record)
    {
        var dropped = record.Tasks.Where(t => WhyNotLaunched(t.Loop) is not null).ToList();
        foreach (var loop in dropped.GroupBy(t => t.Loop, StringComparer.Ordinal))
        {
            _logger.LogInformation("{Count} launch(es) not sent: loop {Loop} {Why}.", loop.Count(), loop.Key, WhyNotLaunched(loop.Key));
        }

        var droppedIds = dropped.Select(t => t.TaskId).ToHashSet(StringComparer.Ordinal);
        var accept = record.Accept.Clone();
        foreach (var operation in accept.Accept.Operations)
        {
            var kept = operation.Launch.TaskInfos.Where(t => !droppedIds.Contains(t.TaskId.Value)).ToList();
            operation.Launch.TaskInfos.Clear();
            operation.Launch.TaskInfos.AddRange(kept);
        }

        return new RecordLaunches(record.Tasks.Where(t => !droppedIds.Contains(t.TaskId)).ToList(), accept);
    }

    private void OnEmbeddedClusterStopping()
    {
        var asker = Sender;
        var live = _table.NonTerminal();
        if (live.Count == 0)
        {
            asker.Tell(MesosGateway.Done.Instance, Self);
            return;
        }

        var now = _clock.GetUtcNow();
        var left = live.Count;
        PersistAll(live.Select(t => new TaskStateChanged(t.TaskId, TaskState.TaskKilled, now, null)), e =>
        {
            Apply(e);
            if (--left == 0)
            {
                _logger.LogInformation("{Count} task(s) end with the embedded cluster; recorded as killed.", live.Count);
                PublishTable();
                asker.Tell(MesosGateway.Done.Instance, Self);
            }
        });
    }
}
