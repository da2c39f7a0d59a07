using System.CommandLine;
using System.Text.RegularExpressions;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Cli;

/// <summary><c>relay-mesos config show</c>: the effective configuration and where every value came from.</summary>
public static partial class ConfigCommand
{
    public static Command Create(ConfigurationOptions configuration, TextWriter output, TextWriter error)
    {
        var prefix = new Argument<string?>("prefix")
        {
            Description = "Show only keys under this path, e.g. relay.mesos.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        // An argument would swallow a mistyped option ("--verbose") as a prefix that matches nothing.
        prefix.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && text.StartsWith('-'))
            {
                result.AddError($"unknown option '{text}' for 'config show'");
            }
        });
        var show = new Command("show", "Print the effective configuration: every key, its value, and its origin (file:line, environment variable, or flag).");
        show.Arguments.Add(prefix);
        configuration.AddTo(show, withRelayAliases: true);
        show.SetAction(parse =>
        {
            var config = RelayConfigurationLoader.Load(configuration.Layers(parse));
            RelaySettingsCheck.Check(config);
            var filter = parse.GetValue(prefix)?.TrimEnd('.');
            var loops = RelayLoops.Resolve(config);
            var loop = LoopOf(filter, loops);
            var lines = (loop is null ? Listing(config) : LoopListing(loop))
                .Where(l => filter is null || l.Path == filter || l.Path.StartsWith(filter + ".", StringComparison.Ordinal))
                .ToList();
            if (filter is not null && lines.Count == 0)
            {
                // An empty listing and exit 0 read as "that part is unset", when it was a typo.
                var nearest = IsUnderLoops(filter)
                    ? $"; the loops are {string.Join(", ", loops.Select(l => l.Path))}"
                    : config.NearestPath(filter) is { } path ? $"; did you mean {path}?" : "";
                error.WriteLine($"relay-mesos: config show: no configuration key is or starts with '{filter}'{nearest}");
                return ExitCodes.BadUsage;
            }

            var width = lines.Count == 0 ? 0 : Math.Min(64, lines.Max(l => l.Path.Length + 3 + Redact(l.Path, l.Value).Length));
            foreach (var (path, value, origin) in lines)
            {
                var line = $"{path} = {Redact(path, value)}";
                output.WriteLine($"{line.PadRight(width)}  # {origin}");
            }

            return ExitCodes.Ok;
        });

        var config = new Command("config", "Inspect the configuration.");
        config.Subcommands.Add(show);
        return config;
    }

    private static IEnumerable<(string Path, string Value, string Origin)> Listing(HoconConfig config) =>
        config.Entries(withEmptyContainers: true)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .Select(e => (e.Path, e.Value ?? "null", e.Origin.Location));

    /// <summary>A loop's effective keys under its own path; an inherited one names the <c>relay</c> key it comes from and that key's origin.</summary>
    private static IEnumerable<(string Path, string Value, string Origin)> LoopListing(RelayLoop loop) =>
        loop.Effective.Entries(withEmptyContainers: true)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .Select(e => (
                $"{loop.Path}.{e.Path}",
                e.Value ?? "null",
                loop.Sets(e.Path) ? e.Origin.Location : $"inherited from {RelayConfigurationLoader.RootKey}.{e.Path} ({e.Origin.Location})"));

    /// <summary>The loop a prefix names (<c>relay.loops.NAME</c> or below); the implicit <c>default</c> is shown as if configured.</summary>
    private static RelayLoop? LoopOf(string? filter, IReadOnlyList<RelayLoop> loops) =>
        filter is not null && IsUnderLoops(filter)
            ? loops.FirstOrDefault(l => filter == l.Path || filter.StartsWith(l.Path + ".", StringComparison.Ordinal))
            : null;

    private static bool IsUnderLoops(string filter) => filter.StartsWith(LoopKeys.LoopsPath + ".", StringComparison.Ordinal);

    /// <summary>A connection string may carry a password; config show is often pasted into tickets.</summary>
    private static string Redact(string path, string value) =>
        path.Contains("connection-string", StringComparison.Ordinal)
            ? PasswordPattern().Replace(value, "${key}=***")
            : value;

    [GeneratedRegex("(?<key>password|pwd)=[^;\"]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPattern();
}
