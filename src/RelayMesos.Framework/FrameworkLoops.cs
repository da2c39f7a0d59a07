using RelayMesos.Framework.Settings;

namespace RelayMesos.Framework;

/// <summary>
/// The control loops one framework runs, in configuration order (by name). The framework-wide keys (master, role,
/// failover timeout...) are the same in every loop's settings; <see cref="Framework"/> reads them from the first.
/// </summary>
public sealed class FrameworkLoops
{
    private readonly Dictionary<string, LoopDefinition> _byName;

    public FrameworkLoops(IReadOnlyList<LoopDefinition> loops)
    {
        ArgumentNullException.ThrowIfNull(loops);
        if (loops.Count == 0)
        {
            throw new ArgumentException("A framework runs at least one loop.", nameof(loops));
        }

        All = loops;
        _byName = loops.ToDictionary(l => l.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<LoopDefinition> All { get; }

    public FrameworkSettings Framework => All[0].Settings;

    public int Count => All.Count;

    /// <summary>Each loop's settings, for the actors that serve every loop (offers, launching, the task table).</summary>
    public IReadOnlyList<FrameworkSettings> Settings => All.Select(l => l.Settings).ToList();

    public LoopDefinition? Find(string name) => _byName.GetValueOrDefault(name);
}
