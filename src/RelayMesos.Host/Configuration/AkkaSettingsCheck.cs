using System.Globalization;
using System.Reflection;
using System.Text;
using RelayMesos.Hocon;

namespace RelayMesos.Host.Configuration;

/// <summary>
/// Checks the <c>akka</c> section of the resolved configuration before Akka sees it. Akka reads its settings lazily
/// and fails late: a bad log level throws inside the actor system's constructor, a non-duration throws wherever the
/// key is first read, an unknown journal plugin only when the first persistent actor starts (the controller then
/// never starts and the process looks hung). So every value is held against the kind of Akka's own default for the
/// same key (Akka's and Akka.Persistence's reference configurations, parsed with our parser), and the few settings
/// that name things (log level, plugins, serializers, loggers) are checked for what they name. A problem is a
/// <see cref="HoconException"/> with the value's file and line, the same one line a bad value under <c>relay</c> gives.
/// </summary>
public static class AkkaSettingsCheck
{
    public const string RootKey = "akka";

    private static readonly string[] LogLevels = ["DEBUG", "INFO", "WARNING", "ERROR", "OFF"];

    /// <summary>Plugins relay-mesos itself wires (Akka.Persistence.Sql on relay.persistence's database, or in memory).</summary>
    private static readonly string[] WiredJournals = ["akka.persistence.journal.sql", "akka.persistence.journal.inmem"];

    private static readonly string[] WiredSnapshotStores = ["akka.persistence.snapshot-store.sql", "akka.persistence.snapshot-store.inmem"];

    /// <summary>Keys whose Akka default is a number but which Akka also reads as on/off.</summary>
    private static readonly string[] NumberOrSwitch = ["akka.log-dead-letters"];

    private static readonly Lazy<HoconConfig> AkkaReference = new(LoadAkkaReference);

    private enum Kind
    {
        Other,
        Switch,
        Duration,
        WholeNumber,
        Number,
        Size,
    }

    /// <exception cref="HoconException">A value under <c>akka</c> that Akka would reject.</exception>
    public static void Check(HoconConfig resolved)
    {
        if (!resolved.HasPath(RootKey))
        {
            return;
        }

        var reference = AkkaReference.Value;
        var defaults = reference.Entries().ToDictionary(e => e.Path, e => e.Value, StringComparer.Ordinal);
        foreach (var entry in resolved.Entries().Where(e => e.Keys[0] == RootKey))
        {
            if (entry.Value is not { } value)
            {
                continue;
            }

            var problem = NamedThingProblem(entry, value, resolved, reference)
                ?? (defaults.TryGetValue(entry.Path, out var fallback) && fallback is not null ? KindProblem(entry.Path, value, fallback) : null);
            if (problem is not null)
            {
                throw new HoconException(entry.Origin, problem, $"'{entry.Path}' is '{value}'; expected {problem}");
            }
        }
    }

    /// <summary>What is wrong with a setting that names a level, a plugin, a serializer or a type; null when fine or not such a setting.</summary>
    private static string? NamedThingProblem(HoconEntry entry, string value, HoconConfig resolved, HoconConfig reference)
    {
        var keys = entry.Keys;
        switch (entry.Path)
        {
            case "akka.loglevel" or "akka.stdout-loglevel":
                return LogLevels.Contains(value, StringComparer.Ordinal) ? null : "one of " + string.Join(", ", LogLevels);
            case "akka.persistence.journal.plugin":
                return PluginProblem(value, "journal", WiredJournals, resolved, reference);
            case "akka.persistence.snapshot-store.plugin":
                return PluginProblem(value, "snapshot store", WiredSnapshotStores, resolved, reference);
        }

        if (keys is ["akka", "actor", "serializers", _])
        {
            return LoadsAsType(value) ? null : "a serializer type that loads, as \"Namespace.Type, Assembly\"";
        }

        if (keys is ["akka", "actor", "serialization-bindings", var boundType])
        {
            var declared = resolved.HasPath($"akka.actor.serializers.{value}") || reference.HasPath($"akka.actor.serializers.{value}");
            if (!declared)
            {
                return "the name of a serializer declared under akka.actor.serializers";
            }

            return LoadsAsType(boundType) ? null : $"a binding whose key names a type that loads ('{boundType}' does not)";
        }

        if (keys is ["akka", "loggers", _])
        {
            return LoadsAsType(value) ? null : "a logger type that loads, as \"Namespace.Type, Assembly\"";
        }

        return null;
    }

    private static string? PluginProblem(string value, string what, string[] wired, HoconConfig resolved, HoconConfig reference)
    {
        if (value.Length == 0 || wired.Contains(value, StringComparer.Ordinal))
        {
            return null;
        }

        var configured = resolved.HasPath(value + ".class") || reference.HasPath(value + ".class");
        return configured ? null : $"a configured {what} plugin (a path with a 'class' key), such as {wired[0]}";
    }

    private static string? KindProblem(string path, string value, string fallback)
    {
        var kind = KindOf(fallback);
        var text = value.Trim();
        var fits = kind switch
        {
            Kind.Switch => IsSwitch(text) || HoconDuration.TryParse(text, out _),
            Kind.Duration => text == "infinite" || HoconDuration.TryParse(text, out _),
            Kind.WholeNumber => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                || (NumberOrSwitch.Contains(path, StringComparer.Ordinal) && IsSwitch(text)),
            Kind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            Kind.Size => HoconSize.TryParse(text, out _),
            _ => true,
        };
        return fits ? null : kind switch
        {
            Kind.Switch => "on or off (true/false, yes/no)",
            Kind.Duration => HoconDuration.Expected,
            Kind.WholeNumber => "a whole number",
            Kind.Number => "a number",
            _ => HoconSize.Expected,
        };
    }

    private static Kind KindOf(string fallback)
    {
        var text = fallback.Trim();
        if (IsSwitch(text))
        {
            return Kind.Switch;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return Kind.WholeNumber;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return Kind.Number;
        }

        if (text == "infinite" || HoconDuration.TryParse(text, out _))
        {
            return Kind.Duration;
        }

        return HoconSize.TryParse(text, out _) ? Kind.Size : Kind.Other;
    }

    private static bool IsSwitch(string text) => text.ToLowerInvariant() is "on" or "off" or "true" or "false" or "yes" or "no";

    private static bool LoadsAsType(string name)
    {
        try
        {
            return Type.GetType(name, throwOnError: false) is not null;
        }
        catch (Exception ex) when (ex is FileLoadException or BadImageFormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Akka's and Akka.Persistence's reference configurations, as the actor system itself reads them.</summary>
    private static HoconConfig LoadAkkaReference()
    {
        var core = Embedded(typeof(Akka.Actor.ActorSystem).Assembly, "Akka.Configuration.akka.conf");
        var persistence = Embedded(typeof(Akka.Persistence.Persistence).Assembly, "Akka.Persistence.persistence.conf");
        return HoconConfig.ParseString(persistence, "Akka.Persistence reference")
            .WithFallback(HoconConfig.ParseString(core, "Akka reference"))
            .Resolve(new Dictionary<string, string?>());
    }

    private static string Embedded(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Akka's reference configuration {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
