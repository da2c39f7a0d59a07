using System.Text.RegularExpressions;

namespace RelayMesos.Host.Configuration;

/// <summary>
/// Which keys of <c>relay</c> belong to one control loop, the single list that validation (what a loop may set) and
/// resolution (what a loop inherits) both read. Every other key under <c>relay</c> is framework-wide: one master, one
/// framework, one database and one web server serve every loop.
/// </summary>
public static partial class LoopKeys
{
    /// <summary>Where the loops are configured, by name.</summary>
    public const string LoopsPath = "relay.loops";

    /// <summary>The loop a configuration without <c>relay.loops</c> has: the <c>relay</c> block itself.</summary>
    public const string DefaultLoop = "default";

    /// <summary>
    /// The per-loop keys, relative to <c>relay</c>; each covers everything below it. <c>mesos.refuse</c> is not among
    /// them: a declined offer is refused to the whole framework, whichever loop it was declined for.
    /// </summary>
    public static IReadOnlyList<string> PerLoop { get; } =
    [
        "metric",
        "target",
        "warmer",
        "cooler",
        "dry-run",
        "controller",
        "mesos.task",
        "mesos.docker",
        "mesos.health-check",
        "mesos.constraints",
        "mesos.max-failures",
        "mesos.max-failures-exit-code",
        "mesos.max-failures-healthy-after",
    ];

    /// <summary>A loop name becomes part of persistence ids, task labels and URLs: lowercase letters, digits and inner dashes.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public const string NameExpected = "1 to 63 characters of a-z, 0-9 and '-', neither first nor last";

    [GeneratedRegex("^(?!-)[a-z0-9-]{1,63}(?<!-)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
