using Akka.Actor;
using Akka.Serialization;
using Google.Protobuf;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Persistence.Protos;
using RelayMesos.Framework.Registry;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Persistence;

/// <summary>
/// The framework's events and snapshots as protobuf messages (Protos/relay_events.proto) under string manifests.
/// A manifest is forever: rename a type freely, but give a changed shape a new manifest (".v2") and keep reading the old.
/// </summary>
public sealed class FrameworkEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka reserves 0–100; this number is stored beside every event, so it never changes.</summary>
    public const int SerializerId = 4140;

    public const string ControllerSteppedManifest = "relay.controller-stepped.v1";
    public const string ControllerSnapshotManifest = "relay.controller-snapshot.v1";
    public const string ControllerPausedManifest = "relay.controller-paused.v1";
    public const string TargetOverriddenManifest = "relay.target-overridden.v1";
    public const string FrameworkIdAssignedManifest = "relay.framework-id-assigned.v1";
    public const string TasksLaunchedManifest = "relay.tasks-launched.v1";
    public const string TaskStateChangedManifest = "relay.task-state-changed.v1";
    public const string TaskKillRequestedManifest = "relay.task-kill-requested.v1";
    public const string ReconcilerSnapshotManifest = "relay.reconciler-snapshot.v1";
    public const string LoopAppliedManifest = "relay.loop-applied.v1";
    public const string LoopRemovedManifest = "relay.loop-removed.v1";
    public const string LoopReleasedManifest = "relay.loop-released.v1";
    public const string LoopFailuresResetManifest = "relay.loop-failures-reset.v1";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        ControllerStepped => ControllerSteppedManifest,
        ControllerSnapshot => ControllerSnapshotManifest,
        ControllerPaused => ControllerPausedManifest,
        TargetOverridden => TargetOverriddenManifest,
        FrameworkIdAssigned => FrameworkIdAssignedManifest,
        TasksLaunched => TasksLaunchedManifest,
        TaskStateChanged => TaskStateChangedManifest,
        TaskKillRequested => TaskKillRequestedManifest,
        ReconcilerSnapshot => ReconcilerSnapshotManifest,
        LoopApplied => LoopAppliedManifest,
        LoopRemoved => LoopRemovedManifest,
        LoopReleased => LoopReleasedManifest,
        LoopFailuresReset => LoopFailuresResetManifest,
        _ => throw new ArgumentException($"{o.GetType()} has no manifest in {nameof(FrameworkEventSerializer)}; add one before journaling it.", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => ToMessage(obj).ToByteArray();

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        ControllerSteppedManifest => FromData(ControllerSteppedData.Parser.ParseFrom(bytes)),
        ControllerSnapshotManifest => FromData(ControllerSnapshotData.Parser.ParseFrom(bytes)),
        ControllerPausedManifest => new ControllerPaused(ControllerPausedData.Parser.ParseFrom(bytes).Paused),
        TargetOverriddenManifest => FromData(TargetOverriddenData.Parser.ParseFrom(bytes)),
        FrameworkIdAssignedManifest => new FrameworkIdAssigned(FrameworkIdAssignedData.Parser.ParseFrom(bytes).FrameworkId),
        TasksLaunchedManifest => new TasksLaunched(TasksLaunchedData.Parser.ParseFrom(bytes).Tasks.Select(FromData).ToList()),
        TaskStateChangedManifest => FromData(TaskStateChangedData.Parser.ParseFrom(bytes)),
        TaskKillRequestedManifest => new TaskKillRequested(TaskKillRequestedData.Parser.ParseFrom(bytes).TaskId),
        ReconcilerSnapshotManifest => FromData(ReconcilerSnapshotData.Parser.ParseFrom(bytes)),
        LoopAppliedManifest => FromData(LoopAppliedData.Parser.ParseFrom(bytes)),
        LoopRemovedManifest => FromData(LoopRemovedData.Parser.ParseFrom(bytes)),
        LoopReleasedManifest => FromData(LoopReleasedData.Parser.ParseFrom(bytes)),
        LoopFailuresResetManifest => new LoopFailuresReset(LoopFailuresResetData.Parser.ParseFrom(bytes).Loop),
        _ => throw new System.Runtime.Serialization.SerializationException(
            $"Unknown event manifest '{manifest}': the journal was written by a newer relay-mesos, or the manifest was renamed."),
    };

    private static IMessage ToMessage(object obj) => obj switch
    {
        ControllerStepped e => new ControllerSteppedData { Input = ToData(e.Input), Decision = ToData(e.Decision) },
        ControllerSnapshot s => ToData(s),
        ControllerPaused e => new ControllerPausedData { Paused = e.Paused },
        TargetOverridden e => e.Target is { } target ? new TargetOverriddenData { Target = target } : new TargetOverriddenData(),
        FrameworkIdAssigned e => new FrameworkIdAssignedData { FrameworkId = e.FrameworkId },
        TasksLaunched e => new TasksLaunchedData { Tasks = { e.Tasks.Select(ToData) } },
        TaskStateChanged e => ToData(e),
        TaskKillRequested e => new TaskKillRequestedData { TaskId = e.TaskId },
        ReconcilerSnapshot s => ToData(s),
        LoopApplied e => ToData(e),
        LoopRemoved e => ToData(e),
        LoopReleased e => new LoopReleasedData { Name = e.Name, Reason = e.Reason },
        LoopFailuresReset e => new LoopFailuresResetData { Loop = e.Loop },
        _ => throw new ArgumentException($"{obj.GetType()} is not a journaled message of the framework.", nameof(obj)),
    };

    private static ControllerInputData ToData(ControllerInput i) => new()
    {
        Target = i.Target,
        Metric = i.Metric,
        AtUtcTicks = i.At.UtcTicks,
        RunningWarmers = i.RunningWarmers,
        InFlightWarmers = i.InFlightWarmers,
        RunningCoolers = i.RunningCoolers,
        InFlightCoolers = i.InFlightCoolers,
        Starved = i.Starved,
    };

    private static ControllerDecisionData ToData(ControllerDecision d)
    {
        var data = new ControllerDecisionData { Mv = d.Mv, Error = d.Error, Weight = d.Weight, WindowMean = d.WindowMean, Reason = d.Reason.ToString() };
        if (d.ExitCode is { } exitCode)
        {
            data.ExitCode = exitCode;
        }

        return data;
    }

    private static ControllerSnapshotData ToData(ControllerSnapshot s)
    {
        var data = new ControllerSnapshotData { StateJson = s.StateJson, Steps = s.Steps, Paused = s.Paused };
        if (s.TargetOverride is { } target)
        {
            data.TargetOverride = target;
        }

        return data;
    }

    private static TaskStateChangedData ToData(TaskStateChanged e)
    {
        var data = new TaskStateChangedData { TaskId = e.TaskId, State = (int)e.State, AtUtcTicks = e.At.UtcTicks };
        if (e.Healthy is { } healthy)
        {
            data.Healthy = healthy;
        }

        return data;
    }

    private static TaskRecordData ToData(TaskRecord t)
    {
        var data = new TaskRecordData
        {
            TaskId = t.TaskId,
            Kind = t.Kind.ToString(),
            AgentId = t.AgentId,
            Hostname = t.Hostname,
            Attributes = { t.Attributes.ToDictionary(StringComparer.Ordinal) },
            State = (int)t.State,
            LaunchedAtUtcTicks = t.LaunchedAt.UtcTicks,
            Killing = t.Killing,
            Loop = t.Loop == FrameworkSettings.DefaultLoop ? "" : t.Loop,
        };
        if (t.RunningSince is { } since)
        {
            data.RunningSinceUtcTicks = since.UtcTicks;
        }

        if (t.Healthy is { } healthy)
        {
            data.Healthy = healthy;
        }

        return data;
    }

    private static ReconcilerSnapshotData ToData(ReconcilerSnapshot s)
    {
        var data = new ReconcilerSnapshotData
        {
            Tasks = { s.Tasks.Select(ToData) },
            FailureCount = s.Failures.GetValueOrDefault(FrameworkSettings.DefaultLoop),
            LoopFailures = { s.Failures.Where(f => f.Key != FrameworkSettings.DefaultLoop && f.Value != 0).ToDictionary(StringComparer.Ordinal) },
        };
        if (s.FrameworkId is { } id)
        {
            data.FrameworkId = id;
        }

        return data;
    }

    private static LoopAppliedData ToData(LoopApplied e)
    {
        var data = new LoopAppliedData { Name = e.Name, Definition = e.Definition, Source = e.Source, AtUtcTicks = e.At.UtcTicks };
        if (e.FileFingerprint is { } fingerprint)
        {
            data.FileFingerprint = fingerprint;
        }

        return data;
    }

    private static LoopRemovedData ToData(LoopRemoved e)
    {
        var data = new LoopRemovedData { Name = e.Name, AtUtcTicks = e.At.UtcTicks };
        if (e.FileFingerprint is { } fingerprint)
        {
            data.FileFingerprint = fingerprint;
        }

        return data;
    }

    private static ControllerStepped FromData(ControllerSteppedData e)
    {
        var i = e.Input;
        var d = e.Decision;
        return new ControllerStepped(
            new ControllerInput(i.Target, i.Metric, Utc(i.AtUtcTicks), i.RunningWarmers, i.InFlightWarmers, i.RunningCoolers, i.InFlightCoolers, i.Starved),
            new ControllerDecision(d.Mv, d.Error, d.Weight, d.WindowMean, Enum.Parse<DecisionReason>(d.Reason), d.HasExitCode ? d.ExitCode : null));
    }

    private static ControllerSnapshot FromData(ControllerSnapshotData s) =>
        new(s.StateJson, s.Steps, s.Paused, s.HasTargetOverride ? s.TargetOverride : null);

    private static TargetOverridden FromData(TargetOverriddenData e) => new(e.HasTarget ? e.Target : null);

    private static TaskStateChanged FromData(TaskStateChangedData e) =>
        new(e.TaskId, (TaskState)e.State, Utc(e.AtUtcTicks), e.HasHealthy ? e.Healthy : null);

    private static TaskRecord FromData(TaskRecordData t) =>
        new(
            t.TaskId, Enum.Parse<TaskKind>(t.Kind), t.AgentId, t.Hostname, new Dictionary<string, string>(t.Attributes, StringComparer.Ordinal),
            (TaskState)t.State, Utc(t.LaunchedAtUtcTicks), t.HasRunningSinceUtcTicks ? Utc(t.RunningSinceUtcTicks) : null,
            t.Killing, t.HasHealthy ? t.Healthy : null, t.Loop.Length == 0 ? FrameworkSettings.DefaultLoop : t.Loop);

    private static ReconcilerSnapshot FromData(ReconcilerSnapshotData s) =>
        new(
            s.HasFrameworkId ? s.FrameworkId : null, s.Tasks.Select(FromData).ToList(),
            new Dictionary<string, int>(s.LoopFailures, StringComparer.Ordinal) { [FrameworkSettings.DefaultLoop] = s.FailureCount });

    private static LoopApplied FromData(LoopAppliedData e) =>
        new(e.Name, e.Definition, e.Source, Utc(e.AtUtcTicks), e.HasFileFingerprint ? e.FileFingerprint : null);

    private static LoopRemoved FromData(LoopRemovedData e) => new(e.Name, Utc(e.AtUtcTicks), e.HasFileFingerprint ? e.FileFingerprint : null);

    private static LoopReleased FromData(LoopReleasedData e) => new(e.Name, e.Reason);

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
