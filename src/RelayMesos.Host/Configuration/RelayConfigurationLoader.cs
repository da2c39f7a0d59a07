using System.Reflection;
using System.Text;
using RelayMesos.Hocon;
using RelayMesos.Host.Cli;

namespace RelayMesos.Host.Configuration;

/// <summary>
/// Builds the effective configuration from its layers, lowest first: the reference
/// <c>akka.hocon</c> (embedded, so the executable never runs without its defaults) →
/// <c>--config</c> files → environment variables (through the reference file's ${?VAR}
/// substitutions) → <c>--set</c> and alias flags. Substitutions resolve once, over the merged
/// tree, as HOCON demands.
/// </summary>
public static class RelayConfigurationLoader
{
    public const string ReferenceName = "akka.hocon";

    /// <summary>The section whose keys are checked against the reference.</summary>
    public const string RootKey = "relay";

    public static string ReferenceText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ReferenceName)
            ?? throw new InvalidOperationException("The reference configuration akka.hocon is not embedded in this build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <exception cref="ConfigurationLoadException">A file is missing or malformed, or a value cannot resolve.</exception>
    public static HoconConfig Load(ConfigurationLayers layers, IReadOnlyDictionary<string, string?>? environment = null)
    {
        try
        {
            var reference = HoconConfig.ParseString(ReferenceText(), ReferenceName);
            var merged = reference;
            foreach (var file in layers.Files)
            {
                if (!File.Exists(file))
                {
                    throw new ConfigurationLoadException($"--config {file}: no such file.");
                }

                merged = HoconConfig.ParseFile(file).WithFallback(merged);
            }

            // Environment variables sit above the files: the reference's ${?VAR} fields are
            // layered again on top, and an unset variable leaves the file's value in place.
            merged = reference.EnvironmentOverrides().WithFallback(merged);
            foreach (var (key, value, source) in EnvironmentOverrides(environment))
            {
                merged = ParseOverride(key, value, source).WithFallback(merged);
            }

            foreach (var (key, value) in layers.Overrides)
            {
                merged = ParseOverride(key, value, $"--set {key}").WithFallback(merged);
            }

            var resolved = merged.Resolve(environment);
            CheckKeys(reference, resolved);
            RelayLoops.Check(reference, resolved);
            AkkaSettingsCheck.Check(resolved);
            return resolved;
        }
        catch (HoconException ex)
        {
            throw new ConfigurationLoadException(ex.Message, ex);
        }
    }

    /// <summary>
    /// Under <c>relay</c> every key must be one the reference declares (see <see cref="HoconSchema"/> for which
    /// maps are open), so a typo stops start-up instead of being ignored. Keys under <c>akka</c> are Akka's to know
    /// (its reference has hundreds); their values are checked by <see cref="AkkaSettingsCheck"/>.
    /// </summary>
    internal static void CheckKeys(HoconConfig reference, HoconConfig resolved)
    {
        var unknown = HoconSchema.FromReference(reference).UnknownKeys(resolved, RootKey);
        if (unknown.Count > 0)
        {
            var more = unknown.Count > 1 ? $" ({unknown.Count - 1} more unknown key{(unknown.Count > 2 ? "s" : "")}: {string.Join(", ", unknown.Skip(1).Select(u => u.Path))})" : "";
            throw new ConfigurationLoadException($"{unknown[0]}{more}");
        }
    }

    /// <summary>
    /// An override's value is read as HOCON when it is one (numbers, durations, lists, objects)
    /// and as a plain string otherwise, so <c>--set relay.warmer=./start.sh --fast</c> just works.
    /// </summary>
    private static HoconConfig ParseOverride(string key, string value, string source)
    {
        if (!IsValidKey(key))
        {
            throw new ConfigurationLoadException($"{source}: '{key}' is not a configuration key; expected dotted words such as relay.controller.delay.");
        }

        try
        {
            return HoconConfig.ParseString($"{key} = {value}", source);
        }
        catch (HoconException)
        {
            return HoconConfig.ParseString($"{key} = {Quote(value)}", source);
        }
    }

    /// <summary>
    /// Relay.Mesos variables whose value is not one HOCON value (RELAY_TASK_RESOURCES="cpus=1 mem=30") or
    /// means something else in HOCON (RELAY_DELAY=1 is seconds, a bare HOCON number milliseconds) cannot be
    /// ${?VAR} substitutions; they are mapped here, between the files and the flags.
    /// </summary>
    private static IEnumerable<(string Key, string Value, string Source)> EnvironmentOverrides(IReadOnlyDictionary<string, string?>? environment)
    {
        var mapped = new (string Variable, Func<string, IEnumerable<KeyValuePair<string, string>>> Map)[]
        {
            ("RELAY_TASK_RESOURCES", RelayAliases.TaskResourcePairs),
            ("RELAY_DELAY", RelayAliases.DelayPairs),
        };
        foreach (var (variable, map) in mapped)
        {
            var value = environment is null
                ? Environment.GetEnvironmentVariable(variable)
                : environment.GetValueOrDefault(variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            List<KeyValuePair<string, string>> pairs;
            try
            {
                pairs = map(value).ToList();
            }
            catch (FormatException ex)
            {
                throw new ConfigurationLoadException($"env {variable}: {ex.Message}", ex);
            }

            foreach (var (key, text) in pairs)
            {
                yield return (key, text, $"env {variable}");
            }
        }
    }

    internal static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append($"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    private static bool IsValidKey(string key) =>
        key.Length > 0
        && key.Split('.').All(part => part.Length > 0 && part.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'));
}
