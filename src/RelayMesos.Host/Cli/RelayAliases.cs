using System.Globalization;

namespace RelayMesos.Host.Cli;

/// <summary>The Relay and Relay.Mesos command-line flags, kept working as aliases of configuration keys.</summary>
public static class RelayAliases
{
    private static readonly HashSet<string> TaskScalarKeys = ["cpus", "mem", "disk", "gpus"];

    public static IReadOnlyList<RelayAlias> All { get; } =
    [
        new("--mesos_master", [], "relay.mesos.master", "Mesos master: local, http://m1:5050,http://m2:5050 or zk://zk1:2181/mesos (RELAY_MESOS_MASTER)."),
        new("--metric", ["-m"], "relay.metric", "The metric: a number, or a bash command whose last output line is the value (RELAY_METRIC)."),
        new("--target", ["-t"], "relay.target", "The target: a number, or a bash command (RELAY_TARGET)."),
        new("--warmer", ["-w"], "relay.warmer", "Bash command run as a Mesos task to raise the metric (RELAY_WARMER)."),
        new("--cooler", ["-c"], "relay.cooler", "Bash command run as a Mesos task to lower the metric (RELAY_COOLER)."),
        new("--delay", ["-d"], "relay.controller.delay", "Seconds between samples, or a duration such as 500ms (RELAY_DELAY).", DelayPairs),
        new("--lookback", ["-l"], "relay.controller.lookback", "Number of past errors the controller weighs (RELAY_LOOKBACK)."),
        new("--ramp", ["-r"], "relay.controller.ramp", "Samples over which the first decision is ramped in (RELAY_RAMP)."),
        new("--mesos_framework_name", [], "relay.mesos.framework.name", "Framework name shown in the Mesos UI (RELAY_MESOS_FRAMEWORK_NAME)."),
        new("--mesos_framework_principal", [], "relay.mesos.framework.principal", "Framework principal (RELAY_MESOS_FRAMEWORK_PRINCIPAL)."),
        new("--mesos_framework_role", [], "relay.mesos.framework.role", "Framework role (RELAY_MESOS_FRAMEWORK_ROLE)."),
        new("--docker_image", [], "relay.mesos.docker.image", "Run warmers and coolers in this Docker image (RELAY_DOCKER_IMAGE)."),
        new("--max_failures", [], "relay.mesos.max-failures", "Stop when failures - successes - starts reaches this; -1 never (RELAY_MAX_FAILURES)."),
        new("--task_resources", [], "relay.mesos.task", "Resources of one task, e.g. \"cpus=0.5 mem=128\" (RELAY_TASK_RESOURCES).", TaskResourcePairs),
    ];

    /// <summary>Relay took --delay in plain seconds; in HOCON a bare number is milliseconds, so a unit is added.</summary>
    public static IEnumerable<KeyValuePair<string, string>> DelayPairs(string value)
    {
        var text = value.Trim();
        yield return new("relay.controller.delay", double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? text + "s" : text);
    }

    /// <summary>"cpus=1 mem=30 fpga=1" → relay.mesos.task.cpus = 1, ..., unknown names as extra scalar resources.</summary>
    public static IEnumerable<KeyValuePair<string, string>> TaskResourcePairs(string value)
    {
        foreach (var pair in value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"'{pair}' is not name=number (e.g. cpus=0.5 mem=128).");
            }

            var key = TaskScalarKeys.Contains(parts[0]) || parts[0] == "ports"
                ? $"relay.mesos.task.{parts[0]}"
                : $"relay.mesos.task.extra-resources.{parts[0]}";
            yield return new(key, parts[1]);
        }
    }
}
