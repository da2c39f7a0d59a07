namespace RelayMesos.Hocon;

/// <summary>
/// The keys a reference configuration declares, read from its shape alone:
/// <list type="bullet">
/// <item>every path the reference sets is declared, including those set to <c>null</c> (a key without a default);</item>
/// <item>an empty object (<c>extra-resources {}</c>) is an open map: any key below it is the user's own;</item>
/// <item>a list (<c>constraints = []</c>) holds user data: anything inside its elements is allowed;</item>
/// <item>an object whose <c>type</c> is <c>plugin</c> belongs to the plugin: its other keys are the plugin's settings.</item>
/// </list>
/// A value set where the reference has an object (a shorthand, <c>metric = "./depth.sh"</c>) is the reader's
/// to check, not a key's; an object set where the reference has a single value is unknown below it.
/// </summary>
public sealed class HoconSchema
{
    private readonly HoconObject _reference;
    private readonly IReadOnlyList<string> _declared;
    private readonly IReadOnlySet<string> _declaredSet;

    private HoconSchema(HoconObject reference)
    {
        _reference = reference;
        var declared = new List<string>();
        CollectDeclared(reference, [], declared);
        _declared = declared;
        _declaredSet = declared.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The schema of a reference configuration; its optional substitutions are dropped, not looked up.</summary>
    public static HoconSchema FromReference(HoconConfig reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var resolved = reference.Resolve(new Dictionary<string, string?>());
        return new HoconSchema(resolved.Root);
    }

    /// <summary>The keys under <paramref name="root"/> that <paramref name="config"/> (resolved) sets and the reference does not declare, in path order.</summary>
    public IReadOnlyList<HoconUnknownKey> UnknownKeys(HoconConfig config, string root) => UnknownKeys(config, root, root);

    /// <summary>
    /// The keys under <paramref name="root"/> of <paramref name="config"/> that the reference does not declare under
    /// <paramref name="declaredRoot"/>: one block checked against another's shape (a loop against the <c>relay</c> keys
    /// a loop may set). Paths and suggestions are named under <paramref name="root"/>.
    /// </summary>
    public IReadOnlyList<HoconUnknownKey> UnknownKeys(HoconConfig config, string root, string declaredRoot)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rootPath = HoconPath.Parse(root);
        var declaredPath = HoconPath.Parse(declaredRoot);
        var unknown = new List<(string Path, HoconOrigin Origin)>();
        if (Walk(config.Root, rootPath) is HoconObject configured && Walk(_reference, declaredPath) is { } declared)
        {
            Check(configured, declared, [.. rootPath], unknown);
        }

        if (unknown.Count == 0)
        {
            return [];
        }

        var (candidates, values) = SameRoot(rootPath, declaredPath)
            ? (_declared, _declaredSet)
            : Rerooted(HoconPath.Render(declaredPath), HoconPath.Render(rootPath));
        return unknown
            .OrderBy(u => u.Path, StringComparer.Ordinal)
            .Select(u => new HoconUnknownKey(u.Path, u.Origin, HoconKeySuggestion.Nearest(u.Path, candidates, values)))
            .ToList();
    }

    private static bool SameRoot(IReadOnlyList<string> root, IReadOnlyList<string> declaredRoot) => root.SequenceEqual(declaredRoot, StringComparer.Ordinal);

    /// <summary>The declared keys under <paramref name="from"/> named as if under <paramref name="to"/>, for suggestions there.</summary>
    private (IReadOnlyList<string> Candidates, IReadOnlySet<string> Values) Rerooted(string from, string to)
    {
        var candidates = _declared
            .Where(d => d.StartsWith(from + ".", StringComparison.Ordinal))
            .Select(d => to + d[from.Length..])
            .ToList();
        return (candidates, candidates.ToHashSet(StringComparer.Ordinal));
    }

    private static HoconNode? Walk(HoconNode node, IReadOnlyList<string> path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not HoconObject obj || !obj.Fields.TryGetValue(key, out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    private static void Check(HoconNode configured, HoconNode declared, List<string> keys, List<(string, HoconOrigin)> unknown)
    {
        switch (declared)
        {
            case HoconObject { Fields.Count: 0 }:
            case HoconArray:
            case HoconScalar { Kind: HoconScalarKind.Null }:
                return;
            case HoconObject declaredObject when configured is HoconObject configuredObject:
                if (IsPlugin(configuredObject))
                {
                    return;
                }

                foreach (var (key, child) in configuredObject.Fields)
                {
                    keys.Add(key);
                    if (declaredObject.Fields.TryGetValue(key, out var declaredChild))
                    {
                        Check(child, declaredChild, keys, unknown);
                    }
                    else
                    {
                        Leaves(child, keys, unknown);
                    }

                    keys.RemoveAt(keys.Count - 1);
                }

                return;
            case HoconScalar when configured is HoconObject or HoconArray:
                Leaves(configured, keys, unknown);
                return;
        }
    }

    private static bool IsPlugin(HoconObject obj) =>
        obj.Fields.TryGetValue("type", out var type) && type is HoconScalar { Text: "plugin" };

    /// <summary>Every leaf under an unknown key is reported, so each names the line that sets it.</summary>
    private static void Leaves(HoconNode node, List<string> keys, List<(string, HoconOrigin)> unknown)
    {
        switch (node)
        {
            case HoconObject obj when obj.Fields.Count > 0:
                foreach (var (key, child) in obj.Fields)
                {
                    keys.Add(key);
                    Leaves(child, keys, unknown);
                    keys.RemoveAt(keys.Count - 1);
                }

                break;
            case HoconArray array when array.Items.Count > 0:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    keys.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Leaves(array.Items[i], keys, unknown);
                    keys.RemoveAt(keys.Count - 1);
                }

                break;
            default:
                unknown.Add((HoconPath.Render(keys), node.Origin));
                break;
        }
    }

    private static void CollectDeclared(HoconNode node, List<string> keys, List<string> declared)
    {
        if (node is HoconObject { Fields.Count: > 0 } obj)
        {
            foreach (var (key, child) in obj.Fields)
            {
                keys.Add(key);
                CollectDeclared(child, keys, declared);
                keys.RemoveAt(keys.Count - 1);
            }
        }
        else if (keys.Count > 0)
        {
            declared.Add(HoconPath.Render(keys));
        }
    }
}
