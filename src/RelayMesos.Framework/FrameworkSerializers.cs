using RelayMesos.Actors.Persistence;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Framework;

/// <summary>
/// The manifests of everything the framework journals. A manifest is forever: rename a type freely, but
/// give a changed shape a new manifest (".v2") and keep reading the old one.
/// </summary>
public static class FrameworkSerializers
{
    public static EventSerializerRegistry Create() =>
        new EventSerializerRegistry()
            .Register<ControllerStepped>("relay.controller-stepped.v1")
            .Register<ControllerSnapshot>("relay.controller-snapshot.v1")
            .Register<ControllerPaused>("relay.controller-paused.v1")
            .Register<TargetOverridden>("relay.target-overridden.v1")
            .Register<FrameworkIdAssigned>("relay.framework-id-assigned.v1")
            .Register<TasksLaunched>("relay.tasks-launched.v1")
            .Register<TaskStateChanged>("relay.task-state-changed.v1")
            .Register<TaskKillRequested>("relay.task-kill-requested.v1")
            .Register<ReconcilerSnapshot>("relay.reconciler-snapshot.v1");
}
