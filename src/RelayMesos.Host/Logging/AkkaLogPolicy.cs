using Microsoft.Extensions.Logging;

namespace RelayMesos.Host.Logging;

/// <summary>
/// Which category and level an Akka log event gets in our log. Akka's own level is kept, with two exceptions:
/// <list type="bullet">
/// <item>Akka's INFO lines are lifecycle chatter (remoting started, a node joining itself, singleton manager state
/// changes, the SBR leader) and go to Debug: relay-mesos writes one INFO line of its own for what an operator needs
/// (members joining and leaving, who leads).</item>
/// <item>Warnings that are consequences of a cause relay-mesos has already reported once go to Information: the
/// singleton manager's "Lease has been lost" (after the lease's own line or the database incident's warning) and
/// remoting's "Tried to associate with unreachable remote address", repeated several times a second after a member
/// died. A warning in the log is then always news.</item>
/// </list>
/// </summary>
public static class AkkaLogPolicy
{
    private static readonly string[] Consequences =
    [
        "Lease has been lost",
        "Tried to associate with unreachable remote address",
    ];

    /// <summary>Subsystems that log under a name instead of a class (Akka's <c>DummyClassForStringSources</c>).</summary>
    private static readonly Dictionary<string, string> NamedSources = new(StringComparer.Ordinal)
    {
        ["Cluster"] = "Akka.Cluster.Cluster",
        ["remoting"] = "Akka.Remote.Remoting",
    };

    public static LogLevel Level(LogLevel akkaLevel, string message) => akkaLevel switch
    {
        LogLevel.Information => LogLevel.Debug,
        LogLevel.Warning when Consequences.Any(c => message.Contains(c, StringComparison.Ordinal)) => LogLevel.Information,
        _ => akkaLevel,
    };

    /// <summary>The logging class's full name; for a named source ("Cluster (akka://relay-mesos)") the subsystem's class.</summary>
    public static string Category(Type? logClass, string? source)
    {
        if (logClass is not null && logClass.Name != "DummyClassForStringSources" && logClass.FullName is { } name)
        {
            // Generic classes (ClusterSingletonManager state machines) would carry their arity and arguments.
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            return tick < 0 ? name : name[..tick];
        }

        var subsystem = (source ?? "").Split(" (", 2)[0];
        return NamedSources.TryGetValue(subsystem, out var known) ? known
            : subsystem.Length == 0 ? "Akka" : "Akka." + subsystem;
    }
}
