using System.Collections;
using System.Globalization;

namespace RelayMesos.Hocon;

/// <summary>
/// An immutable HOCON configuration: parse, layer with <see cref="WithFallback"/>, then
/// <see cref="Resolve"/> once over the merged tree, then read values. Getters on a config that
/// still has substitutions at the requested path throw <see cref="HoconException"/>.
/// </summary>
public sealed class HoconConfig
{
    private readonly HoconObject _root;

    private HoconConfig(HoconObject root, bool isResolved)
    {
        _root = root;
        IsResolved = isResolved;
    }

    public static HoconConfig Empty { get; } = new(new HoconObject(new HoconOrigin("<empty>", 1, 1)), isResolved: true);

    /// <summary>False while any substitution is left; call <see cref="Resolve"/>.</summary>
    public bool IsResolved { get; }

    internal HoconObject Root => _root;

    /// <param name="baseDirectory">Where relative includes are looked up; the current directory if null.</param>
    public static HoconConfig ParseString(string text, string sourceName = "<string>", string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = HoconParser.ParseDocument(text, sourceName, baseDirectory ?? Directory.GetCurrentDirectory(), ownPath: null);
        return new HoconConfig(root, root.IsResolved);
    }

    /// <summary>
    /// Parses text sent from elsewhere (an operator's loop definition): an <c>include</c> in it is an error, as the files
    /// it names are where the text was written, not here.
    /// </summary>
    public static HoconConfig ParseWithoutIncludes(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = HoconParser.ParseDocument(text, sourceName, baseDirectory: null, ownPath: null);
        return new HoconConfig(root, root.IsResolved);
    }

    /// <summary>Parses a file; errors name it as given in <paramref name="path"/>.</summary>
    public static HoconConfig ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException(new HoconOrigin(path, 1, 1), "a readable HOCON file", $"cannot read configuration file: {e.Message}");
        }

        var full = Path.GetFullPath(path);
        var root = HoconParser.ParseDocument(text, path, Path.GetDirectoryName(full) ?? Directory.GetCurrentDirectory(), full);
        return new HoconConfig(root, root.IsResolved);
    }

    /// <summary>This config's values win; objects present in both are merged key by key.</summary>
    public HoconConfig WithFallback(HoconConfig fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var merged = HoconMerge.MergeObjects(fallback._root, _root);
        return new HoconConfig(merged, IsResolved && fallback.IsResolved);
    }

    /// <summary>
    /// Resolves every substitution against this whole (merged) tree; a path that is not in the
    /// tree falls back to the environment variable of that name (<paramref name="environment"/>,
    /// or the process environment when null).
    /// </summary>
    public HoconConfig Resolve(IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (IsResolved)
        {
            return this;
        }

        environment ??= ProcessEnvironment();
        return new HoconConfig(HoconResolver.Resolve(_root, environment), isResolved: true);
    }

    /// <summary>
    /// The fields of this (unresolved) config whose value is a bare optional substitution
    /// (<c>delay = ${?RELAY_DELAY}</c>). Layered above other files, they let environment
    /// variables override those files while an unset variable leaves them alone.
    /// </summary>
    public HoconConfig EnvironmentOverrides()
    {
        var overrides = OptionalSubstitutionsOnly(_root) ?? new HoconObject(_root.Origin);
        return new HoconConfig(overrides, overrides.IsResolved);
    }

    private static HoconObject? OptionalSubstitutionsOnly(HoconObject obj)
    {
        var fields = new Dictionary<string, HoconNode>(StringComparer.Ordinal);
        foreach (var (key, value) in obj.Fields)
        {
            HoconNode? kept = value switch
            {
                HoconObject child => OptionalSubstitutionsOnly(child),
                HoconSubstitution { Optional: true } substitution => Copy(substitution),
                HoconMergeStack { Layers: [.., HoconSubstitution { Optional: true } top] } => Copy(top),
                _ => null,
            };
            if (kept is not null)
            {
                fields[key] = kept;
            }
        }

        return fields.Count == 0 ? null : new HoconObject(obj.Origin, fields);
    }

    // A fresh node: resolution memoizes per node, and this one sits at another place in the merge stack.
    private static HoconSubstitution Copy(HoconSubstitution substitution) =>
        new(substitution.Origin, substitution.Path, substitution.Optional, substitution.UnprefixedPath);

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }

    /// <summary>True when the path holds a value other than null (as in lightbend Config).</summary>
    public bool HasPath(string path) => Find(path) is { } node && node is not HoconScalar { Kind: HoconScalarKind.Null };

    public string GetString(string path) => ScalarText(path, Required(path), "a string");

    public string GetString(string path, string defaultValue) => HasPath(path) ? GetString(path) : defaultValue;

    public int GetInt(string path) => Convert(path, "a whole number", text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null);

    public int GetInt(string path, int defaultValue) => HasPath(path) ? GetInt(path) : defaultValue;

    public long GetLong(string path) => Convert(path, "a whole number", text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (long?)null);

    public long GetLong(string path, long defaultValue) => HasPath(path) ? GetLong(path) : defaultValue;

    public double GetDouble(string path) => Convert(path, "a number", text =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null);

    public double GetDouble(string path, double defaultValue) => HasPath(path) ? GetDouble(path) : defaultValue;

    public bool GetBoolean(string path) => Convert(path, "true or false (also yes/no, on/off)", text => text switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => (bool?)null,
    });

    public bool GetBoolean(string path, bool defaultValue) => HasPath(path) ? GetBoolean(path) : defaultValue;

    /// <summary>A bare number is milliseconds (HOCON.md "Duration format").</summary>
    public TimeSpan GetDuration(string path) => Convert(path, HoconDuration.Expected, text => HoconDuration.TryParse(text, out var v) ? v : (TimeSpan?)null);

    public TimeSpan GetDuration(string path, TimeSpan defaultValue) => HasPath(path) ? GetDuration(path) : defaultValue;

    /// <summary>A bare number is bytes (HOCON.md "Size in bytes format").</summary>
    public long GetBytes(string path) => Convert(path, HoconSize.Expected, text => HoconSize.TryParse(text, out var v) ? v : (long?)null);

    public long GetBytes(string path, long defaultValue) => HasPath(path) ? GetBytes(path) : defaultValue;

    public IReadOnlyList<string> GetStringList(string path)
    {
        var node = Required(path);
        var items = node switch
        {
            HoconArray array => array.Items,
            HoconObject obj when NumericallyIndexed(obj) is { Count: > 0 } indexed => indexed,
            _ => throw WrongType(path, node, "a list such as [\"a\", \"b\"]"),
        };
        return items.Select((item, i) => ScalarText($"{path}.{i}", item, "a string")).ToList();
    }

    /// <summary>
    /// HOCON.md "Conversion of numerically-indexed objects to arrays": lets <c>--set hosts.0=a</c>
    /// stand for a list; other keys are ignored and gaps closed.
    /// </summary>
    private static List<HoconNode> NumericallyIndexed(HoconObject obj) =>
        obj.Fields
            .Select(f => (Index: int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1, f.Value))
            .Where(f => f.Index >= 0)
            .OrderBy(f => f.Index)
            .Select(f => f.Value)
            .ToList();

    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) => HasPath(path) ? GetStringList(path) : defaultValue;

    /// <summary>The object at <paramref name="path"/> as a config of its own (paths relative to it).</summary>
    public HoconConfig GetConfig(string path)
    {
        var node = Required(path);
        return node is HoconObject obj
            ? new HoconConfig(obj, obj.IsResolved)
            : throw WrongType(path, node, "an object such as { key = value }");
    }

    public HoconConfig GetConfig(string path, HoconConfig defaultValue) => HasPath(path) ? GetConfig(path) : defaultValue;

    /// <summary>The keys of this config's root object, in ordinal order.</summary>
    public IReadOnlyList<string> Keys => _root.Fields.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>A path of <paramref name="keys"/>, each quoted where it must be (a key with a dot or a space stays one key).</summary>
    public static string PathOf(params IReadOnlyList<string> keys) => HoconPath.Render(keys);

    /// <summary>This config placed at <paramref name="path"/> of an otherwise empty config (lightbend's <c>atPath</c>); origins are kept.</summary>
    public HoconConfig AtPath(string path)
    {
        HoconNode node = _root;
        foreach (var key in HoconPath.Parse(path).Reverse())
        {
            node = new HoconObject(_root.Origin, new Dictionary<string, HoconNode>(StringComparer.Ordinal) { [key] = node });
        }

        return new HoconConfig((HoconObject)node, IsResolved);
    }

    /// <summary>
    /// Only the values at <paramref name="paths"/> (each with everything below it) and the objects leading to them
    /// (lightbend's <c>withOnlyPath</c>, for many paths); a path this config does not have is left out. Origins are kept.
    /// </summary>
    public HoconConfig WithOnlyPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var kept = new HoconObject(_root.Origin);
        foreach (var path in paths)
        {
            var keys = HoconPath.Parse(path);
            HoconNode source = _root;
            var target = kept;
            for (var i = 0; i < keys.Count && source is HoconObject obj && obj.Fields.TryGetValue(keys[i], out var child); i++)
            {
                if (i == keys.Count - 1)
                {
                    target.Fields[keys[i]] = child;
                    break;
                }

                if (!target.Fields.TryGetValue(keys[i], out var next) || next is not HoconObject nextObject)
                {
                    nextObject = new HoconObject(child.Origin) { IgnoresFallbacks = (child as HoconObject)?.IgnoresFallbacks ?? false };
                    target.Fields[keys[i]] = nextObject;
                }

                source = child;
                target = nextObject;
            }
        }

        return new HoconConfig(kept, kept.IsResolved);
    }

    /// <summary>This config without the value at <paramref name="path"/> (lightbend's <c>withoutPath</c>); unchanged when it has none.</summary>
    public HoconConfig WithoutPath(string path)
    {
        var keys = HoconPath.Parse(path);
        var root = Without(_root, keys, 0);
        return ReferenceEquals(root, _root) ? this : new HoconConfig(root, root.IsResolved);
    }

    private static HoconObject Without(HoconObject obj, IReadOnlyList<string> keys, int depth)
    {
        if (!obj.Fields.TryGetValue(keys[depth], out var child))
        {
            return obj;
        }

        var fields = new Dictionary<string, HoconNode>(obj.Fields, StringComparer.Ordinal);
        if (depth == keys.Count - 1)
        {
            fields.Remove(keys[depth]);
        }
        else if (child is HoconObject childObject)
        {
            var trimmed = Without(childObject, keys, depth + 1);
            if (ReferenceEquals(trimmed, childObject))
            {
                return obj;
            }

            fields[keys[depth]] = trimmed;
        }
        else
        {
            return obj;
        }

        return new HoconObject(obj.Origin, fields) { IgnoresFallbacks = obj.IgnoresFallbacks };
    }

    /// <summary>Where the value at <paramref name="path"/> was set.</summary>
    public HoconOrigin GetOrigin(string path) => Required(path).Origin;

    /// <summary>Every leaf (array elements with index keys), sorted by path. Requires a resolved config.</summary>
    public IReadOnlyList<HoconEntry> Entries() => Entries(withEmptyContainers: false);

    /// <summary>
    /// Every leaf as <see cref="Entries()"/>; with <paramref name="withEmptyContainers"/> an empty list or object below the
    /// root is a leaf too, valued <c>[]</c> or <c>{}</c>. A listing for people needs them (<c>seed-nodes = []</c> is a
    /// setting); a reader of values does not (an empty list has no element to bind).
    /// </summary>
    public IReadOnlyList<HoconEntry> Entries(bool withEmptyContainers)
    {
        RequireResolved();
        var entries = new List<HoconEntry>();
        Collect(_root, [], entries, withEmptyContainers);
        return entries;
    }

    /// <summary>
    /// The path of this config a mistyped <paramref name="path"/> most likely meant, an object's path as well as a value's;
    /// null when none is close. Requires a resolved config.
    /// </summary>
    public string? NearestPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entries = Entries(withEmptyContainers: true);
        var everyPath = entries
            .SelectMany(e => Enumerable.Range(1, e.Keys.Count).Select(length => HoconPath.Render(e.Keys.Take(length).ToList())))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return HoconKeySuggestion.Nearest(path, everyPath, entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal));
    }

    private static void Collect(HoconNode node, List<string> keys, List<HoconEntry> entries, bool withEmptyContainers)
    {
        switch (node)
        {
            case HoconObject { Fields.Count: 0 } obj when withEmptyContainers && keys.Count > 0:
                entries.Add(new HoconEntry(HoconPath.Render(keys), keys.ToArray(), "{}", obj.Origin));
                break;
            case HoconArray { Items.Count: 0 } array when withEmptyContainers:
                entries.Add(new HoconEntry(HoconPath.Render(keys), keys.ToArray(), "[]", array.Origin));
                break;
            case HoconObject obj:
                foreach (var key in obj.Fields.Keys.Order(StringComparer.Ordinal))
                {
                    keys.Add(key);
                    Collect(obj.Fields[key], keys, entries, withEmptyContainers);
                    keys.RemoveAt(keys.Count - 1);
                }

                break;
            case HoconArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    keys.Add(i.ToString(CultureInfo.InvariantCulture));
                    Collect(array.Items[i], keys, entries, withEmptyContainers);
                    keys.RemoveAt(keys.Count - 1);
                }

                break;
            case HoconScalar scalar:
                entries.Add(new HoconEntry(
                    HoconPath.Render(keys),
                    keys.ToArray(),
                    scalar.Kind == HoconScalarKind.Null ? null : scalar.Text,
                    scalar.Origin));
                break;
        }
    }

    /// <summary>Readable HOCON with sorted keys; <paramref name="withOrigins"/> adds a "# file:line:column" comment per value.</summary>
    public string Render(bool withOrigins = false) => HoconRenderer.Render(_root, withOrigins);

    public override string ToString() => Render();

    private void RequireResolved()
    {
        if (!IsResolved)
        {
            throw new HoconException(_root.Origin, "a resolved configuration", "the configuration has unresolved substitutions; call Resolve() first");
        }
    }

    /// <summary>The node at the path, or null when any element is missing.</summary>
    private HoconNode? Find(string path)
    {
        var keys = HoconPath.Parse(path);
        HoconNode current = _root;
        foreach (var key in keys)
        {
            if (current is not HoconObject obj)
            {
                return null;
            }

            if (!obj.Fields.TryGetValue(key, out var child))
            {
                return null;
            }

            if (child is not (HoconScalar or HoconObject or HoconArray))
            {
                throw new HoconException(child.Origin, "a resolved configuration", $"'{path}' has an unresolved substitution; call Resolve() first");
            }

            current = child;
        }

        return current;
    }

    private HoconNode Required(string path)
    {
        var node = Find(path);
        if (node is null)
        {
            throw new HoconException(ClosestOrigin(path), $"a value at '{path}'", $"no value at '{path}'; expected a value at '{path}'");
        }

        if (node is HoconScalar { Kind: HoconScalarKind.Null })
        {
            throw new HoconException(node.Origin, $"a value at '{path}'", $"'{path}' is null; expected a value");
        }

        return node;
    }

    private HoconOrigin ClosestOrigin(string path)
    {
        HoconNode current = _root;
        foreach (var key in HoconPath.Parse(path))
        {
            if (current is not HoconObject obj || !obj.Fields.TryGetValue(key, out var child))
            {
                break;
            }

            current = child;
        }

        return current.Origin;
    }

    private T Convert<T>(string path, string expected, Func<string, T?> parse)
        where T : struct
    {
        var node = Required(path);
        var text = ScalarText(path, node, expected);
        return parse(text.Trim()) ?? throw new HoconException(node.Origin, expected, $"'{path}' is '{text}'; expected {expected}");
    }

    private static string ScalarText(string path, HoconNode node, string expected) =>
        node is HoconScalar { Kind: not HoconScalarKind.Null } scalar ? scalar.Text : throw WrongType(path, node, expected);

    private static HoconException WrongType(string path, HoconNode node, string expected)
    {
        var found = node switch
        {
            HoconObject => "an object",
            HoconArray => "a list",
            HoconScalar { Kind: HoconScalarKind.Null } => "null",
            _ => "a single value",
        };
        return new HoconException(node.Origin, expected, $"'{path}' is {found}; expected {expected}");
    }
}
