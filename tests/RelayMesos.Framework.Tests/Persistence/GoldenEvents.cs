using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Registry;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tests.Persistence;

/// <summary>One instance of everything the framework journals, with every optional field set somewhere, by manifest.</summary>
internal static class GoldenEvents
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);

    private static readonly TaskRecord Task = new(
        "relay-warmer-0001", TaskKind.Warmer, "agent-S0", "host-a", new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "z2" },
        TaskState.TaskRunning, At, RunningSince: At.AddSeconds(2), Killing: true, Healthy: false);

    /// <summary>
    /// The controller state as the first Akka-based release wrote it. Frozen as text, not produced by
    /// <see cref="ControllerState.ToJson"/>: the state gains fields over time, and an old snapshot must still restore.
    /// </summary>
    public const string FirstStateJson =
        """{"Window":[1,-2.5],"Targets":[],"Steps":2,"RampIndex":0,"RampError":0,"LastMv":3,"LastWarmAt":"2026-12-01T22:00:00+00:00","LastCoolAt":null,"StopRuleSteps":0,"LastError":null,"Drift":0,"LastEffective":0,"Recommendations":[]}""";

    public static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        [FrameworkEventSerializer.ControllerSteppedManifest] = new ControllerStepped(
            new ControllerInput(5.5, 2.25, At, RunningWarmers: 2, InFlightWarmers: 1, RunningCoolers: 3, InFlightCoolers: 4, Starved: true),
            new ControllerDecision(3, 3.25, 0.5, 1.75, DecisionReason.Drift, ExitCode: 4)),
        [FrameworkEventSerializer.ControllerSnapshotManifest] = new ControllerSnapshot(FirstStateJson, 2, Paused: true, TargetOverride: 7.5),
        [FrameworkEventSerializer.ControllerPausedManifest] = new ControllerPaused(true),
        [FrameworkEventSerializer.TargetOverriddenManifest] = new TargetOverridden(6.5),
        [FrameworkEventSerializer.FrameworkIdAssignedManifest] = new FrameworkIdAssigned("fw-0001"),
        [FrameworkEventSerializer.TasksLaunchedManifest] = new TasksLaunched([Task, Task with { TaskId = "relay-cooler-0002", Kind = TaskKind.Cooler, RunningSince = null, Healthy = null, Killing = false }]),
        [FrameworkEventSerializer.TaskStateChangedManifest] = new TaskStateChanged("relay-warmer-0001", TaskState.TaskFailed, At.AddMinutes(1), Healthy: true),
        [FrameworkEventSerializer.TaskKillRequestedManifest] = new TaskKillRequested("relay-warmer-0001"),
        [FrameworkEventSerializer.ReconcilerSnapshotManifest] = new ReconcilerSnapshot("fw-0001", [Task], new Dictionary<string, int> { ["default"] = 2 }),
        [FrameworkEventSerializer.LoopAppliedManifest] = new LoopApplied(
            "orders", "controller {\n  delay = \"2s\"\n}\ntarget = 5\n", "orders.hocon", At, "0123456789abcdef0123456789abcdef"),
        [FrameworkEventSerializer.LoopRemovedManifest] = new LoopRemoved("orders", At.AddMinutes(2), "0123456789abcdef0123456789abcdef"),
        [FrameworkEventSerializer.LoopReleasedManifest] = new LoopReleased("orders", "the configuration file's loop changed since"),
        [FrameworkEventSerializer.LoopFailuresResetManifest] = new LoopFailuresReset("orders"),
    };
}
