using System.CommandLine;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Cli;

/// <summary>
/// The options that build the configuration: <c>--config</c> and <c>--set</c>, which every command that reads
/// the configuration takes, and the Relay.Mesos alias flags, which only commands that run the framework (or show
/// its configuration) take. Each command lists them itself, so its <c>--help</c> shows only what it accepts.
/// </summary>
public sealed class ConfigurationOptions
{
    private readonly List<(RelayAlias Alias, Option<string?> Option)> _aliases = [];

    public ConfigurationOptions()
    {
        foreach (var alias in RelayAliases.All)
        {
            var option = new Option<string?>(alias.Name, alias.ShortNames)
            {
                Description = alias.Description,
                HelpName = "value",
            };
            _aliases.Add((alias, option));
        }
    }

    public Option<string[]> Config { get; } = new("--config")
    {
        Description = "A HOCON file layered over the reference akka.hocon; repeatable, later files win.",
        HelpName = "file",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override one key, e.g. --set relay.controller.delay=2s; repeatable, wins over files and environment.",
        HelpName = "key=value",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Adds --config and --set to <paramref name="command"/>, and the Relay.Mesos aliases when <paramref name="withRelayAliases"/>.</summary>
    public void AddTo(Command command, bool withRelayAliases)
    {
        command.Options.Add(Config);
        command.Options.Add(Set);
        if (withRelayAliases)
        {
            foreach (var (_, option) in _aliases)
            {
                command.Options.Add(option);
            }
        }
    }

    /// <exception cref="ConfigurationLoadException">A --set without '=' or a malformed alias value.</exception>
    public ConfigurationLayers Layers(ParseResult result)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        foreach (var (alias, option) in _aliases)
        {
            // A command without the aliases has no value for them (and GetValue would throw for an option it does not know).
            if (result.GetResult(option) is not null && result.GetValue(option) is { } value)
            {
                try
                {
                    overrides.AddRange(alias.ToOverrides(value));
                }
                catch (FormatException ex)
                {
                    throw new ConfigurationLoadException($"{alias.Name}: {ex.Message}", ex);
                }
            }
        }

        foreach (var assignment in result.GetValue(Set) ?? [])
        {
            var split = assignment.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new ConfigurationLoadException($"--set {assignment}: expected key=value, e.g. --set relay.controller.delay=2s.");
            }

            overrides.Add(new(assignment[..split].Trim(), assignment[(split + 1)..]));
        }

        return new ConfigurationLayers(result.GetValue(Config) ?? [], overrides);
    }
}
