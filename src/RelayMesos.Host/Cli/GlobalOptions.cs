using System.CommandLine;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Cli;

/// <summary>Options every command takes: the configuration layers and the Relay.Mesos alias flags.</summary>
public sealed class GlobalOptions
{
    private readonly List<(RelayAlias Alias, Option<string?> Option)> _aliases = [];

    public GlobalOptions()
    {
        foreach (var alias in RelayAliases.All)
        {
            var option = new Option<string?>(alias.Name, alias.ShortNames)
            {
                Description = alias.Description,
                Recursive = true,
                HelpName = "value",
            };
            _aliases.Add((alias, option));
        }
    }

    public Option<string[]> Config { get; } = new("--config")
    {
        Description = "A HOCON file layered over the reference akka.hocon; repeatable, later files win.",
        Recursive = true,
        HelpName = "file",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override one key, e.g. --set relay.controller.delay=2s; repeatable, wins over files and environment.",
        Recursive = true,
        HelpName = "key=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => new Option[] { Config, Set }.Concat(_aliases.Select(a => a.Option));

    /// <exception cref="ConfigurationLoadException">A --set without '=' or a malformed alias value.</exception>
    public ConfigurationLayers Layers(ParseResult result)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        foreach (var (alias, option) in _aliases)
        {
            if (result.GetValue(option) is { } value)
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
