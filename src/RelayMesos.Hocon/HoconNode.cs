namespace RelayMesos.Hocon;

// The in-memory tree. Objects are filled in place while one document is parsed and never
// changed afterwards; every later merge builds new nodes, so configs can share subtrees.
internal abstract class HoconNode(HoconOrigin origin)
{
    public HoconOrigin Origin { get; } = origin;

    /// <summary>True when no substitution, concatenation or delayed merge is left inside.</summary>
    public abstract bool IsResolved { get; }
}

internal enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

internal sealed class HoconScalar(HoconOrigin origin, HoconScalarKind kind, string text) : HoconNode(origin)
{
    public HoconScalarKind Kind { get; } = kind;

    /// <summary>The string value, the number as written, "true"/"false", or "null".</summary>
    public string Text { get; } = text;

    public override bool IsResolved => true;

    public HoconScalar WithOrigin(HoconOrigin origin) => new(origin, Kind, Text);
}

internal sealed class HoconObject(HoconOrigin origin, Dictionary<string, HoconNode> fields) : HoconNode(origin)
{
    public HoconObject(HoconOrigin origin)
        : this(origin, new Dictionary<string, HoconNode>(StringComparer.Ordinal))
    {
    }

    public Dictionary<string, HoconNode> Fields { get; } = fields;

    /// <summary>
    /// Set once this object has replaced a non-object: merging is pairwise, so what lay below
    /// that non-object stays hidden (HOCON.md "Config object merging and file merging").
    /// </summary>
    public bool IgnoresFallbacks { get; init; }

    public override bool IsResolved => Fields.Values.All(f => f.IsResolved);
}

internal sealed class HoconArray(HoconOrigin origin, List<HoconNode> items) : HoconNode(origin)
{
    public List<HoconNode> Items { get; } = items;

    public override bool IsResolved => Items.All(i => i.IsResolved);
}

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. In an included file <see cref="Path"/> is fixed up to the
/// include point and <see cref="UnprefixedPath"/> keeps the path as written, tried second.
/// </summary>
internal sealed class HoconSubstitution(HoconOrigin origin, IReadOnlyList<string> path, bool optional, IReadOnlyList<string>? unprefixedPath)
    : HoconNode(origin)
{
    public IReadOnlyList<string> Path { get; } = path;

    public bool Optional { get; } = optional;

    public IReadOnlyList<string>? UnprefixedPath { get; } = unprefixedPath;

    public override bool IsResolved => false;

    public override string ToString() => (Optional ? "${?" : "${") + HoconPath.Render(UnprefixedPath ?? Path) + "}";
}

/// <summary>Whitespace between two parts of a concatenation; kept only between simple values.</summary>
internal sealed class HoconWhitespace(HoconOrigin origin, string text) : HoconNode(origin)
{
    public string Text { get; } = text;

    public override bool IsResolved => false;
}

/// <summary>Adjacent values on one line, at least one of them a substitution.</summary>
internal sealed class HoconConcatenation(HoconOrigin origin, IReadOnlyList<HoconNode> parts) : HoconNode(origin)
{
    public IReadOnlyList<HoconNode> Parts { get; } = parts;

    public override bool IsResolved => false;
}

/// <summary>
/// Values assigned to one field, oldest first, that cannot be merged before resolution because
/// a newer one is a substitution or concatenation (it may refer to the older ones, or vanish).
/// </summary>
internal sealed class HoconMergeStack(HoconOrigin origin, IReadOnlyList<HoconNode> layers) : HoconNode(origin)
{
    private readonly Dictionary<int, HoconMergeStack> _prefixes = [];

    public IReadOnlyList<HoconNode> Layers { get; } = layers;

    /// <summary>Set on a prefix: the full stack that lookups meet in the tree.</summary>
    public HoconMergeStack? Whole { get; private init; }

    public override bool IsResolved => false;

    /// <summary>The first <paramref name="count"/> layers, the same node each time (resolution memoizes by node).</summary>
    public HoconMergeStack Prefix(int count)
    {
        var whole = Whole ?? this;
        if (count == whole.Layers.Count)
        {
            return whole;
        }

        // Two threads may resolve the same parsed config at once.
        lock (whole._prefixes)
        {
            if (!whole._prefixes.TryGetValue(count, out var prefix))
            {
                prefix = new HoconMergeStack(whole.Origin, whole.Layers.Take(count).ToList()) { Whole = whole };
                whole._prefixes[count] = prefix;
            }

            return prefix;
        }
    }
}
