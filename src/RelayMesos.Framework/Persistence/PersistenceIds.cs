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

    public static string Controller(FrameworkSettings settings) => Of(ControllerPrefix, settings);

    public static string Reconciler(FrameworkSettings settings) => Of(ReconcilerPrefix, settings);

    private static string Of(string prefix, FrameworkSettings settings) => $"{prefix}/{settings.FrameworkName}/{settings.Role}";
}
