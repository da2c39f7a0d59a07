namespace RelayMesos.Framework.Settings;

/// <summary>
/// Each loop's settings by name, for the actors that serve every loop (offers, launching, the task table). A loop it
/// does not know (the task of a loop removed since) is served with the framework's settings.
/// </summary>
public sealed class PerLoopSettings
{
    private readonly Dictionary<string, FrameworkSettings> _byLoop;

    /// <param name="loops">Each loop's settings (none, when every loop was removed at runtime); null: the one loop <paramref name="framework"/> is for.</param>
    public PerLoopSettings(FrameworkSettings framework, IReadOnlyList<FrameworkSettings>? loops = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        Framework = framework;
        All = loops ?? [framework];
        _byLoop = All.ToDictionary(l => l.Loop, StringComparer.Ordinal);
    }

    /// <summary>The framework-wide keys (the same in every loop's settings).</summary>
    public FrameworkSettings Framework { get; }

    public IReadOnlyList<FrameworkSettings> All { get; }

    public int Count => All.Count;

    public FrameworkSettings Of(string loop) => _byLoop.GetValueOrDefault(loop) ?? Framework with { Loop = loop };

    /// <summary>Whether the run has this loop (a loop removed at runtime, or never configured, it has not).</summary>
    public bool Contains(string loop) => _byLoop.ContainsKey(loop);
}
