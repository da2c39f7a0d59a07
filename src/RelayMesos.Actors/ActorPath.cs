namespace RelayMesos.Actors;

/// <summary>
/// Where an actor lives in the hierarchy (<c>/user/parent/child</c>). Paths name a position, not an
/// incarnation: a restarted actor keeps its path, a stopped-and-recreated one gets a new ref with the same path.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _text;

    private ActorPath(ActorPath? parent, string name)
    {
        Parent = parent;
        Name = name;
        _text = parent is null ? "/" : parent.Parent is null ? "/" + name : parent._text + "/" + name;
    }

    /// <summary>The root of every path (<c>/</c>).</summary>
    public static ActorPath Root { get; } = new(null, string.Empty);

    /// <summary>The last element, e.g. <c>b</c> for <c>/user/a/b</c>.</summary>
    public string Name { get; }

    /// <summary>The enclosing path, null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The path of a child with the given name.</summary>
    public ActorPath Child(string name) => new(this, name);

    public static ActorPath operator /(ActorPath path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Child(name);
    }

    public bool Equals(ActorPath? other) => other is not null && other._text == _text;

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => _text;
}
