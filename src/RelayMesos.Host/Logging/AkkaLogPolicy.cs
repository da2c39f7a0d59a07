using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Membership;

namespace RelayMesos.Host.Logging;

/// <summary>
/// Which category and level an Akka log event gets in our log, and whether its stack trace goes with it. Akka's own
/// level is kept, with these exceptions:
/// <list type="bullet">
/// <item>Akka's INFO lines are lifecycle chatter (remoting started, a node joining itself, singleton manager state
/// changes, the SBR leader) and go to Debug: relay-mesos writes one INFO line of its own for what an operator needs
/// (members joining and leaving, who leads).</item>
/// <item>Warnings that are consequences of a cause relay-mesos has already reported once go to Information: the
/// singleton manager's "Lease has been lost" (after the lease's own line or the database incident's warning),
/// remoting's "Tried to associate with unreachable remote address", repeated several times a second after a member
/// died, the split-brain resolver's decision (each member has warned that the members it downs are unreachable), and
/// the failure detector's "heartbeat interval is growing too large" (the unreachability it may lead to is the warning).
/// A warning in the log is then always news.</item>
/// <item>"Marking node(s) as UNREACHABLE" goes to Debug: relay-mesos' membership line says the same per member, as a
/// warning unless the member was downed already or this process itself stood still.</item>
/// <item>"Scheduled sending of heartbeat was delayed" is information when this whole process stood still (stopped,
/// paused: <see cref="ProcessStall"/>), whose consequences the lease and the downing report; it stays a warning when
/// only Akka's threads were held up, a problem of the process itself.</item>
/// <item>A peer's connection that closed (remoting's <c>EndpointDisassociatedException</c>: a member that died, left or
/// was downed) goes to Debug, both the "Association with remote system … has failed" warning and the supervisor's ERROR
/// "Disassociated" with its trace, even with <c>log-remote-lifecycle-events = off</c>: the membership lines say what
/// happened to the member.</item>
/// <item>Stack traces only for the unexpected: an ERROR keeps its cause's trace; any other line carries the cause's
/// message instead, and a trace Akka formatted into its message text is cut off.</item>
/// </list>
/// </summary>
public static class AkkaLogPolicy
{
    private const string DisassociatedException = "Akka.Remote.EndpointDisassociatedException";
    private const string MarkingUnreachable = "Marking node(s) as UNREACHABLE";
    private const string HeartbeatDelayed = "Scheduled sending of heartbeat was delayed";

    private static readonly string[] Consequences =
    [
        "Lease has been lost",
        "Tried to associate with unreachable remote address",
        // The resolver acts on members every member has already warned about ("Marking node(s) as UNREACHABLE").
        "SBR took decision",
        // GoneMemberDowning quarantines a member whose process is gone, and has said so in its own warning.
        "due to quarantine",
        // The failure detector's early word on a slow peer (2 s between heartbeats here, a busy machine's every minute):
        // a member that stays silent is marked unreachable, and that line is the warning.
        "heartbeat interval is growing too large",
    ];

    /// <summary>Subsystems that log under a name instead of a class (Akka's <c>DummyClassForStringSources</c>).</summary>
    private static readonly Dictionary<string, string> NamedSources = new(StringComparer.Ordinal)
    {
        ["Cluster"] = "Akka.Cluster.Cluster",
        ["remoting"] = "Akka.Remote.Remoting",
    };

    /// <param name="akkaLevel">The level Akka gave the event.</param>
    /// <param name="message">Akka's message.</param>
    /// <param name="stall">The stall this process has just come out of, if any.</param>
    public static LogLevel Level(LogLevel akkaLevel, string message, ProcessStall? stall = null) => akkaLevel switch
    {
        LogLevel.Information => LogLevel.Debug,
        LogLevel.Warning when Consequences.Any(c => message.Contains(c, StringComparison.Ordinal)) => LogLevel.Information,
        LogLevel.Warning when message.Contains(MarkingUnreachable, StringComparison.Ordinal) => LogLevel.Debug,
        LogLevel.Warning when stall is not null && message.Contains(HeartbeatDelayed, StringComparison.Ordinal) => LogLevel.Information,
        _ => akkaLevel,
    };

    /// <summary>The whole decision for one event: <see cref="Level"/>, then the peer-gone lines, then where the trace goes.</summary>
    public static AkkaLogVerdict Judge(LogLevel akkaLevel, string message, Exception? cause, ProcessStall? stall = null)
    {
        var text = WithoutTrace(message);
        if (IsPeerGone(message, cause))
        {
            return new AkkaLogVerdict(LogLevel.Debug, text, KeepTrace: false);
        }

        var level = Level(akkaLevel, message, stall);
        if (cause is null || level >= LogLevel.Error)
        {
            return new AkkaLogVerdict(level, text, KeepTrace: cause is not null);
        }

        var reason = WithoutTrace(cause.Message);
        return new AkkaLogVerdict(level, reason.Length == 0 || text.Contains(reason, StringComparison.Ordinal) ? text : $"{text}: {reason}", KeepTrace: false);
    }

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

    /// <summary>
    /// A remote peer's connection closed: the supervisor's ERROR carries the exception itself; the reliable delivery
    /// supervisor's warning carries its text (trace included) in the message.
    /// </summary>
    private static bool IsPeerGone(string message, Exception? cause) =>
        cause?.GetType().FullName == DisassociatedException
        || (message.StartsWith("Association with remote system", StringComparison.Ordinal) && message.Contains(DisassociatedException, StringComparison.Ordinal));

    /// <summary>A message's lines up to the first stack frame (Akka formats exceptions into some messages whole), joined as one line.</summary>
    private static string WithoutTrace(string message)
    {
        var lines = message.Split('\n');
        var kept = lines.TakeWhile(l => !IsFrame(l)).Select(l => l.TrimEnd('\r')).ToList();
        var text = string.Join(" ", kept.Where(l => l.Length > 0)).Trim();
        // "Reason is: [Exception: message\n   at …]": the bracket opened before the trace closes after it.
        return kept.Count < lines.Length && text.Count(c => c == '[') > text.Count(c => c == ']') ? text + "]" : text;
    }

    private static bool IsFrame(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.Length < line.Length && (trimmed.StartsWith("at ", StringComparison.Ordinal) || trimmed.StartsWith("--- End of", StringComparison.Ordinal));
    }
}
