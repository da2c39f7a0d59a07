using RelayMesos.Hocon;

namespace RelayMesos.Host.Configuration;

/// <summary>
/// The control loops of a resolved configuration (<c>relay.loops</c>), their checks, and the one configuration
/// <c>run</c> binds. A loop's key it does not set comes from <c>relay</c>, by HOCON's own object merge
/// (<c>loop.WithFallback(relay's per-loop keys)</c>), so origins stay those of the value used.
/// </summary>
public static class RelayLoops
{
    /// <summary>
    /// Every loop by name (ordinal order): without <c>relay.loops</c>, or with an empty one, the single loop
    /// <c>default</c>, equal to the <c>relay</c> block's per-loop keys. Expects a configuration that passed <see cref="Check"/>.
    /// </summary>
    public static IReadOnlyList<RelayLoop> Resolve(HoconConfig resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var relay = resolved.GetConfig(RelayConfigurationLoader.RootKey, HoconConfig.Empty);
        var defaults = relay.WithOnlyPaths(LoopKeys.PerLoop);
        var loops = relay.GetConfig("loops", HoconConfig.Empty);
        if (loops.Keys.Count == 0)
        {
            return [new RelayLoop(LoopKeys.DefaultLoop, defaults, HoconConfig.Empty, isImplicit: true)];
        }

        return loops.Keys
            .Select(name =>
            {
                var own = loops.GetConfig(HoconConfig.PathOf(name));
                return new RelayLoop(name, own.WithFallback(defaults), own, isImplicit: false);
            })
            .ToList();
    }

    /// <summary>
    /// The whole configuration with <paramref name="loop"/>'s effective keys in place of <c>relay</c>'s per-loop keys
    /// and no <c>relay.loops</c>: what the binders, which read <c>relay.*</c>, read for that loop. The implicit loop's is
    /// <paramref name="resolved"/> itself, so a configuration without loops runs exactly as it did.
    /// </summary>
    public static HoconConfig AsRelay(HoconConfig resolved, RelayLoop loop)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(loop);
        if (loop.IsImplicit)
        {
            return resolved;
        }

        var rest = resolved.WithoutPath(LoopKeys.LoopsPath);
        foreach (var key in LoopKeys.PerLoop)
        {
            rest = rest.WithoutPath($"{RelayConfigurationLoader.RootKey}.{key}");
        }

        return loop.Effective.AtPath(RelayConfigurationLoader.RootKey).WithFallback(rest);
    }

    /// <summary>
    /// What <c>run</c> runs: one loop's keys stand where <c>relay</c>'s were (so one loop runs exactly as a configuration
    /// without loops); several loops stay under <c>relay.loops</c>, and the host binds each with <see cref="AsRelay"/>.
    /// </summary>
    /// <param name="dryRun">
    /// <c>run --dry-run</c>: the flag promises that nothing is launched, so it outvotes a loop's own <c>dry-run = false</c>
    /// (as a <c>--set relay.dry-run</c> could not).
    /// </param>
    public static HoconConfig ForRun(HoconConfig resolved, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var loops = Resolve(resolved);
        if (loops.Count > 1)
        {
            return dryRun ? DryRun(resolved, loops) : resolved;
        }

        var run = AsRelay(resolved, loops[0]);
        return dryRun ? HoconConfig.ParseString("relay.dry-run = true", "--dry-run").WithFallback(run) : run;
    }

    /// <summary><c>run --dry-run</c> for each of <paramref name="loops"/>: it outvotes a loop's own <c>dry-run = false</c>.</summary>
    public static HoconConfig DryRun(HoconConfig resolved, IEnumerable<RelayLoop> loops) =>
        loops.Aggregate(resolved, (config, loop) => HoconConfig.ParseString($"{loop.Path}.dry-run = true", "--dry-run").WithFallback(config));

    /// <summary>
    /// Each loop's name and keys: a name outside <see cref="LoopKeys.NameExpected"/>, a loop that is not an object, a
    /// framework-wide key inside a loop, or a key <c>relay</c> does not have at all stops start-up with one line naming
    /// the file, line and column.
    /// </summary>
    /// <param name="reference">The reference configuration (its shape declares the keys).</param>
    /// <exception cref="ConfigurationLoadException">A loop is not valid.</exception>
    public static void Check(HoconConfig reference, HoconConfig resolved)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(resolved);
        if (!resolved.HasPath(LoopKeys.LoopsPath))
        {
            return;
        }

        var loops = Object(resolved, LoopKeys.LoopsPath, "an object of loops by name, such as relay.loops { orders { ... } }");
        foreach (var name in loops.Keys)
        {
            var path = HoconConfig.PathOf("relay", "loops", name);
            if (!LoopKeys.IsValidName(name))
            {
                throw new ConfigurationLoadException($"{resolved.GetOrigin(path).Location}: \"{name}\" is not a loop name; expected {LoopKeys.NameExpected}");
            }

            _ = Object(resolved, path, $"an object of the loop's keys, such as {path} {{ warmer = \"...\" }}");
        }

        var declared = reference.Resolve(new Dictionary<string, string?>());
        var everyKey = HoconSchema.FromReference(declared);
        var perLoop = HoconSchema.FromReference(declared.GetConfig(RelayConfigurationLoader.RootKey).WithOnlyPaths(LoopKeys.PerLoop).AtPath(RelayConfigurationLoader.RootKey));
        foreach (var loop in Resolve(resolved))
        {
            // The effective keys, not the block alone: a loop under relay's metric { type = plugin } sets that plugin's keys.
            var problem = perLoop.UnknownKeys(loop.Effective.AtPath(loop.Path), loop.Path, RelayConfigurationLoader.RootKey).FirstOrDefault();
            if (problem is null)
            {
                continue;
            }

            var anywhere = everyKey.UnknownKeys(loop.Own.AtPath(loop.Path), loop.Path, RelayConfigurationLoader.RootKey);
            if (anywhere.Any(u => u.Path == problem.Path))
            {
                throw new ConfigurationLoadException(problem.ToString());
            }

            var relayPath = RelayConfigurationLoader.RootKey + problem.Path[loop.Path.Length..];
            throw new ConfigurationLoadException(
                $"{problem.Origin.Location}: {problem.Path} is framework-wide and cannot be set inside a loop; set {relayPath} instead (one for every loop)");
        }
    }

    private static HoconConfig Object(HoconConfig resolved, string path, string expected)
    {
        try
        {
            return resolved.GetConfig(path);
        }
        catch (HoconException ex)
        {
            throw new ConfigurationLoadException($"{ex.Origin.Location}: '{path}' is not an object; expected {expected}", ex);
        }
    }
}
