using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
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
            RelaySettingsCheck.Check(new ConfigurationBuilder().AddHocon(config).Build());
            var filter = parse.GetValue(prefix)?.TrimEnd('.');
            var entries = config.Entries(withEmptyContainers: true)
                .Where(e => filter is null || e.Path == filter || e.Path.StartsWith(filter + ".", StringComparison.Ordinal))
                .OrderBy(e => e.Path, StringComparer.Ordinal)
                .ToList();
            if (filter is not null && entries.Count == 0)
            {
                // An empty listing and exit 0 read as "that part is unset", when it was a typo.
                var nearest = config.NearestPath(filter);
                error.WriteLine($"relay-mesos: config show: no configuration key is or starts with '{filter}'{(nearest is null ? "" : $"; did you mean {nearest}?")}");
                return ExitCodes.BadUsage;
            }

            var width = entries.Count == 0 ? 0 : Math.Min(64, entries.Max(e => e.Path.Length + 3 + Redact(e.Path, e.Value ?? "null").Length));
            foreach (var entry in entries)
            {
                var line = $"{entry.Path} = {Redact(entry.Path, entry.Value ?? "null")}";
                output.WriteLine($"{line.PadRight(width)}  # {entry.Origin.Location}");
            }

            return ExitCodes.Ok;
        });

        var config = new Command("config", "Inspect the configuration.");
        config.Subcommands.Add(show);
        return config;
    }

    /// <summary>A connection string may carry a password; config show is often pasted into tickets.</summary>
    private static string Redact(string path, string value) =>
        path.Contains("connection-string", StringComparison.Ordinal)
            ? PasswordPattern().Replace(value, "${key}=***")
            : value;

    [GeneratedRegex("(?<key>password|pwd)=[^;\"]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPattern();
}
