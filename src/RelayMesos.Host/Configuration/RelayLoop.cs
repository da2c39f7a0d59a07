using RelayMesos.Hocon;

namespace RelayMesos.Host.Configuration;

/// <summary>
/// One control loop's configuration: <see cref="Effective"/> holds every per-loop key relative to the loop (paths such
/// as <c>controller.delay</c>), the loop's own value where its block sets one and <c>relay</c>'s otherwise, each with
/// the origin of the value used; <see cref="Own"/> is the loop's block as written (empty for the implicit loop).
/// </summary>
public sealed class RelayLoop(string name, HoconConfig effective, HoconConfig own, bool isImplicit)
{
    private readonly IReadOnlySet<string> _ownPaths = own.Entries(withEmptyContainers: true).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);

    public string Name { get; } = name;

    public HoconConfig Effective { get; } = effective;

    public HoconConfig Own { get; } = own;

    /// <summary>True for the loop <c>default</c> that a configuration without <c>relay.loops</c> has.</summary>
    public bool IsImplicit { get; } = isImplicit;

    /// <summary>Where the loop's keys are shown: <c>relay.loops.NAME</c>.</summary>
    public string Path => HoconConfig.PathOf("relay", "loops", Name);

    /// <summary>True when the loop's own block sets the value at <paramref name="path"/> (relative to the loop), false when it is inherited.</summary>
    public bool Sets(string path) => _ownPaths.Contains(path);
}
