namespace RelayMesos.Hocon;

/// <summary>
/// Resolves substitutions over a whole merged tree (HOCON.md "Substitutions" and
/// "Self-Referential Substitutions"). Values are resolved lazily and memoized per node:
/// "shallow" gives a node's own kind (object, array or scalar) with children possibly still
/// unresolved, which is all a path lookup needs to walk through; "full" resolves everything.
/// While one layer of a merge stack is resolved, lookups that meet that stack see only the
/// layers below it: that is how <c>path = ${path}":/bin"</c> looks back instead of cycling.
/// </summary>
internal sealed class HoconResolver
{
    // Resolution recurses along substitution chains; the bound keeps it clear of stack overflow.
    private const int MaxChain = 1000;

    // Marks "no earlier layer" for a self-reference in the bottom layer of a merge stack.
    private static readonly HoconNode NothingBelow = new HoconWhitespace(new HoconOrigin("<nothing>", 0, 0), "");

    private readonly HoconObject _root;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly Dictionary<HoconNode, HoconNode?> _shallow = [];
    private readonly Dictionary<HoconNode, HoconNode?> _full = [];
    private readonly HashSet<HoconNode> _shallowInProgress = [];
    private readonly HashSet<HoconNode> _fullInProgress = [];
    private readonly Dictionary<HoconNode, HoconNode> _replacements = [];
    private readonly List<HoconSubstitution> _chain = [];

    private HoconResolver(HoconObject root, IReadOnlyDictionary<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, IReadOnlyDictionary<string, string?> environment)
    {
        var resolver = new HoconResolver(root, environment);
        try
        {
            return (HoconObject)resolver.Full(root)!;
        }
        catch (CycleException cycle)
        {
            throw new HoconException(
                cycle.At.Origin,
                "substitutions that do not depend on themselves",
                $"substitution cycle: {cycle.Chain}; expected substitutions that do not depend on themselves");
        }
    }

    private sealed class CycleException(HoconNode at, string chain) : Exception(chain)
    {
        public HoconNode At { get; } = at;

        public string Chain { get; } = chain;
    }

    private CycleException Cycle(HoconNode at) =>
        new(at, _chain.Count == 0 ? "a value contains itself" : string.Join(" -> ", _chain.Select(s => $"{s} at {s.Origin}")));

    private static HoconException CycleError(HoconSubstitution substitution, CycleException cycle) =>
        new(
            substitution.Origin,
            "a substitution that does not depend on itself",
            $"cannot resolve {substitution}: it depends on itself ({cycle.Chain}); a field may only refer to its own earlier value (path = ${{path}}...), and not from inside an object or array");

    private HoconNode? Full(HoconNode node)
    {
        if (node is HoconScalar)
        {
            return node;
        }

        if (_full.TryGetValue(node, out var memo))
        {
            return memo;
        }

        HoconNode? result;
        switch (node)
        {
            case HoconObject obj:
                if (!_fullInProgress.Add(obj))
                {
                    throw Cycle(obj);
                }

                try
                {
                    var fields = new Dictionary<string, HoconNode>(obj.Fields.Count, StringComparer.Ordinal);
                    foreach (var (key, value) in obj.Fields)
                    {
                        if (Full(value) is { } resolved)
                        {
                            fields[key] = resolved;
                        }
                    }

                    result = new HoconObject(obj.Origin, fields) { IgnoresFallbacks = obj.IgnoresFallbacks };
                }
                finally
                {
                    _fullInProgress.Remove(obj);
                }

                break;
            case HoconArray array:
                if (!_fullInProgress.Add(array))
                {
                    throw Cycle(array);
                }

                try
                {
                    var items = new List<HoconNode>(array.Items.Count);
                    foreach (var item in array.Items)
                    {
                        if (Full(item) is { } resolved)
                        {
                            items.Add(resolved);
                        }
                    }

                    result = new HoconArray(array.Origin, items);
                }
                finally
                {
                    _fullInProgress.Remove(array);
                }

                break;
            default:
                var shallow = Shallow(node);
                try
                {
                    result = shallow is null ? null : Full(shallow);
                }
                catch (CycleException cycle) when (node is HoconSubstitution substitution)
                {
                    result = substitution.Optional ? null : throw CycleError(substitution, cycle);
                }

                break;
        }

        _full[node] = result;
        return result;
    }

    private HoconNode? Shallow(HoconNode node)
    {
        if (node is HoconScalar or HoconObject or HoconArray)
        {
            return node;
        }

        if (_shallow.TryGetValue(node, out var memo))
        {
            return memo;
        }

        if (!_shallowInProgress.Add(node))
        {
            throw Cycle(node);
        }

        HoconNode? result;
        try
        {
            result = node switch
            {
                HoconSubstitution substitution => Substitute(substitution),
                HoconConcatenation concatenation => Concatenate(concatenation),
                HoconMergeStack stack => ResolveStack(stack),
                _ => throw new InvalidOperationException($"unexpected node {node.GetType().Name}"),
            };
        }
        finally
        {
            _shallowInProgress.Remove(node);
        }

        _shallow[node] = result;
        return result;
    }

    private HoconNode? ResolveStack(HoconMergeStack stack)
    {
        var whole = stack.Whole ?? stack;
        HoconObject? merged = null;
        for (var i = stack.Layers.Count - 1; i >= 0; i--)
        {
            var layer = stack.Layers[i];
            HoconNode? value;
            if (layer is HoconSubstitution or HoconConcatenation)
            {
                var hadPrevious = _replacements.Remove(whole, out var previous);
                _replacements[whole] = i == 0 ? NothingBelow : whole.Prefix(i);
                try
                {
                    value = Shallow(layer);
                }
                finally
                {
                    _replacements.Remove(whole);
                    if (hadPrevious)
                    {
                        _replacements[whole] = previous!;
                    }
                }
            }
            else
            {
                value = layer;
            }

            if (value is null)
            {
                continue;
            }

            if (value is not HoconObject valueObject)
            {
                return merged ?? value;
            }

            if (merged is { IgnoresFallbacks: true })
            {
                return merged;
            }

            merged = merged is null ? valueObject : HoconMerge.MergeObjects(valueObject, merged);
        }

        return merged;
    }

    private (bool Found, HoconNode? Node) Lookup(IReadOnlyList<string> path)
    {
        HoconNode current = _root;
        for (var i = 0; i < path.Count; i++)
        {
            if (current is not HoconObject obj || !obj.Fields.TryGetValue(path[i], out var child))
            {
                return (false, null);
            }

            if (_replacements.TryGetValue(child, out var replacement))
            {
                if (ReferenceEquals(replacement, NothingBelow))
                {
                    return (false, null);
                }

                child = replacement;
            }

            if (i < path.Count - 1)
            {
                var walked = Shallow(child);
                if (walked is null)
                {
                    return (false, null);
                }

                child = walked;
            }

            current = child;
        }

        return (true, current);
    }

    private HoconNode? Substitute(HoconSubstitution substitution)
    {
        if (_chain.Count >= MaxChain)
        {
            throw new HoconException(
                substitution.Origin,
                $"at most {MaxChain} substitutions depending on one another",
                $"substitution {substitution} starts a chain of more than {MaxChain} substitutions that depend on one another; expected a shorter chain");
        }

        _chain.Add(substitution);
        try
        {
            var (found, target) = Lookup(substitution.Path);
            if (!found && substitution.UnprefixedPath is not null)
            {
                (found, target) = Lookup(substitution.UnprefixedPath);
            }

            if (found && Shallow(target!) is { } value)
            {
                return value;
            }
        }
        catch (CycleException cycle)
        {
            return substitution.Optional ? null : throw CycleError(substitution, cycle);
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }

        var name = string.Join('.', substitution.UnprefixedPath ?? substitution.Path);
        if (_environment.TryGetValue(name, out var fromEnvironment) && !string.IsNullOrEmpty(fromEnvironment))
        {
            return new HoconScalar(HoconOrigin.Environment(name), HoconScalarKind.String, fromEnvironment);
        }

        if (substitution.Optional)
        {
            return null;
        }

        throw new HoconException(
            substitution.Origin,
            $"a value at '{name}' or an environment variable {name}",
            $"could not resolve substitution {substitution}: '{name}' is not set in the configuration (or only refers to itself) nor in the environment; use ${{?{name}}} if it may be absent");
    }

    private HoconNode? Concatenate(HoconConcatenation concatenation)
    {
        var values = new List<HoconNode?>(concatenation.Parts.Count);
        foreach (var part in concatenation.Parts)
        {
            values.Add(part is HoconWhitespace ? part : Shallow(part));
        }

        var defined = values.Where(v => v is not null and not HoconWhitespace).Select(v => v!).ToList();
        if (defined.Count == 0)
        {
            return null;
        }

        var objects = defined.OfType<HoconObject>().ToList();
        var arrays = defined.OfType<HoconArray>().ToList();
        if (objects.Count > 0 || arrays.Count > 0)
        {
            if (objects.Count != defined.Count && arrays.Count != defined.Count)
            {
                var odd = defined.First(v => objects.Count > 0 ? v is not HoconObject : v is not HoconArray);
                throw new HoconException(
                    odd.Origin,
                    "values of one kind in a concatenation (strings, arrays or objects)",
                    $"cannot concatenate {Describe(odd)} with {(objects.Count > 0 ? "an object" : "an array")} in the value at {concatenation.Origin}; expected values of one kind");
            }

            if (arrays.Count > 0)
            {
                return new HoconArray(concatenation.Origin, arrays.SelectMany(a => a.Items).ToList());
            }

            var merged = objects[0];
            foreach (var next in objects.Skip(1))
            {
                merged = HoconMerge.MergeObjects(merged, next);
            }

            return merged;
        }

        if (defined.Count == 1 && values.Count(v => v is HoconWhitespace) == 0)
        {
            return defined[0];
        }

        var text = string.Concat(values.Select(v => v switch
        {
            HoconWhitespace whitespace => whitespace.Text,
            HoconScalar scalar => scalar.Text,
            _ => "",
        }));
        return new HoconScalar(concatenation.Origin, HoconScalarKind.String, text);
    }

    private static string Describe(HoconNode node) => node switch
    {
        HoconObject => "an object",
        HoconArray => "an array",
        HoconScalar { Kind: HoconScalarKind.String } => "a string",
        HoconScalar scalar => $"the value {scalar.Text}",
        _ => "a value",
    };
}
