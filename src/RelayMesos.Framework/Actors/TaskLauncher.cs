using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Turns a launch plan into TaskInfos and an ACCEPT. The task ids are journaled (by the StatusReconciler,
/// which owns the task table) before ACCEPT goes out, so after a failover every task Mesos knows is one the
/// journal knows; a launch that never reached Mesos is cleaned up by reconciliation.
/// </summary>
public sealed class TaskLauncher : ReceiveActor
{
    private PerLoopSettings _loops;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private FrameworkActors? _peers;

    public TaskLauncher(FrameworkSettings settings, TimeProvider clock, ILogger logger, IReadOnlyList<FrameworkSettings>? loops = null)
    {
        _loops = new PerLoopSettings(settings, loops);
        _clock = clock;
        _logger = logger;

        Receive<FrameworkActors>(peers => _peers = peers);
        Receive<LoopSettingsChanged>(e => _loops = new PerLoopSettings(_loops.Framework, e.Loops));
        Receive<LaunchPlanned>(OnPlanned);
        // The "Launching" line is the StatusReconciler's, written as it journals the launch; this is when it leaves.
        Receive<LaunchesRecorded>(e =>
        {
            _peers!.Gateway.Tell(new SendCall(e.Accept), Self);
            _logger.LogDebug("ACCEPT sent for {Count} task(s): {Tasks}", e.Count, Describe(e.Accept));
        });
    }

    private void OnPlanned(LaunchPlanned plan)
    {
        var now = _clock.GetUtcNow();
        var tasks = new List<TaskInfo>(plan.Launches.Count);
        var records = new List<TaskRecord>(plan.Launches.Count);
        foreach (var (loop, kind, launch) in plan.Launches)
        {
            var taskId = TaskInfoFactory.NewTaskId(kind);
            tasks.Add(TaskInfoFactory.Build(taskId, kind, launch, _loops.Of(loop)));
            records.Add(new TaskRecord(taskId, kind, launch.AgentId, launch.Hostname, launch.Attributes, TaskState.TaskStaging, now, Loop: loop));
        }

        var accept = TaskInfoFactory.Accept(plan.OfferIds, tasks);
        _peers!.Reconciler.Tell(new RecordLaunches(records, accept), Self);
    }

    /// <summary>"task-id on agent-id, ..." of an ACCEPT's launches, for the log.</summary>
    internal static string Describe(Mesos.V1.Scheduler.Call accept) =>
        string.Join(", ", accept.Accept.Operations.SelectMany(o => o.Launch.TaskInfos).Select(t => $"{t.TaskId.Value} on {t.AgentId.Value}"));
}
