using RelayMesos.Framework.Settings;

namespace RelayMesos.Framework.Persistence;

/// <summary>
/// Persistence ids carry the framework's name and role, so two configurations sharing one database (or one
/// directory's relay-mesos.db) never replay each other's history.
/// </summary>
public static class PersistenceIds
{
    public const string ControllerPrefix = "relay-controller";
    public const string ReconcilerPrefix = "status-reconciler";
    public const string RegistryPrefix = "loop-registry";

    /// <summary>
    /// One history per loop. The loop <c>default</c> keeps the id it had before loops existed, so a database written by
    /// a single-loop version runs on as that loop.
    /// </summary>
    public static string Controller(FrameworkSettings settings) =>
        settings.Loop == FrameworkSettings.DefaultLoop ? Of(ControllerPrefix, settings) : $"{Of(ControllerPrefix, settings)}/{settings.Loop}";

    public static string Reconciler(FrameworkSettings settings) => Of(ReconcilerPrefix, settings);

    /// <summary>The runtime changes to the loops (applied, removed), one journal for the framework.</summary>
    public static string Registry(FrameworkSettings settings) => Of(RegistryPrefix, settings);

    private static string Of(string prefix, FrameworkSettings settings) => $"{prefix}/{settings.FrameworkName}/{settings.Role}";
}
