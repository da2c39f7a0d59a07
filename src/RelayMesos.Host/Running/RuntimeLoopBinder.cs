using RelayMesos.Control.Sources;
using RelayMesos.Framework;
using RelayMesos.Framework.Registry;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Running;

/// <summary>
/// Reads the loop definitions operators apply at runtime (<c>relay-mesos loops apply</c>) exactly as the configuration
/// file's loops are read: the same parser, the same strict keys and value checks, the same inheritance from the
/// <c>relay</c> block (the configuration's, before any loop stands in for it), the same sources (one HTTP client, the
/// deployment's command slots). <c>run --dry-run</c> holds for applied loops too.
/// </summary>
/// <param name="configuration">The resolved configuration of the run, with its loops under <c>relay.loops</c>.</param>
internal sealed class RuntimeLoopBinder(HoconConfig configuration, bool dryRun, MetricSourceContext context) : ILoopBinder
{
    private static readonly string LoopsExpected = $"{LoopKeys.LoopsPath} {{ NAME {{ ... }} }} with one loop or more";

    private readonly HoconConfig _reference = HoconConfig.ParseString(RelayConfigurationLoader.ReferenceText(), RelayConfigurationLoader.ReferenceName);
    private readonly HoconConfig _relay = configuration.WithoutPath(LoopKeys.LoopsPath);

    public IReadOnlyList<LoopDefinition> Read(string text, string source, string? loop = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var applied = HoconConfig.Empty;
        try
        {
            var parsed = HoconConfig.ParseWithoutIncludes(text, source);
            applied = loop is null ? OnlyLoops(parsed, source) : OneLoop(parsed, loop);
            var resolved = applied.WithFallback(_relay).Resolve();
            RelayConfigurationLoader.CheckKeys(_reference, resolved);
            RelayLoops.Check(_reference, resolved);
            RelaySettingsCheck.Check(resolved);
            var loops = RelayLoops.Resolve(resolved);
            if (!dryRun)
            {
                return loops.Select(l => BoundLoop.Of(resolved, l).Define(context)).ToList();
            }

            // Bound as dry-run, but the definition kept is the operator's: a later run without the flag launches.
            var run = RelayLoops.DryRun(resolved, loops);
            return RelayLoops.Resolve(run).Zip(loops, (bound, written) => (BoundLoop.Of(run, bound) with { Definition = BoundLoop.DefinitionOf(written) }).Define(context)).ToList();
        }
        catch (HoconException ex)
        {
            throw new LoopDefinitionException(ex.Message, ex);
        }
        catch (ConfigurationLoadException ex)
        {
            throw new LoopDefinitionException(ex.Message, ex);
        }
        catch (ConfigurationValueException ex)
        {
            // The checks name the key; where the applied text sets it, its place is named too.
            var place = applied.HasPath(ex.Key) ? $"{applied.GetOrigin(ex.Key).Location}: " : "";
            throw new LoopDefinitionException(place + ex.Message, ex);
        }
        catch (Exception ex) when (ex is not (LoopDefinitionException or OutOfMemoryException))
        {
            // Whatever else building the loop throws (a plugin source that will not start) is the definition's fault too:
            // one line to the operator, and the framework term that asked goes on.
            var cause = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
            throw new LoopDefinitionException($"{source}: {cause.Message} ({cause.GetType().Name})", ex);
        }
    }

    public LoopDefinition Bind(RuntimeEntry applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return Read(applied.Definition, $"loop {applied.Name} as applied", applied.Name).Single();
    }

    /// <summary>A whole applied file: <c>relay.loops</c> and nothing else, so no framework-wide key can slip in.</summary>
    private static HoconConfig OnlyLoops(HoconConfig parsed, string source)
    {
        var stray = parsed.Entries(withEmptyContainers: true)
            .FirstOrDefault(e => e.Path != LoopKeys.LoopsPath && !e.Path.StartsWith(LoopKeys.LoopsPath + ".", StringComparison.Ordinal));
        if (stray is not null)
        {
            throw new LoopDefinitionException(
                $"{stray.Origin.Location}: {stray.Path} cannot be applied; expected {LoopsExpected} (the framework-wide keys stay the configuration file's)");
        }

        if (parsed.GetConfig(LoopKeys.LoopsPath, HoconConfig.Empty).Keys.Count == 0)
        {
            throw new LoopDefinitionException($"{source}: no loop to apply; expected {LoopsExpected}");
        }

        return parsed;
    }

    /// <summary>One loop's own keys, as inside its block (<c>PUT /api/loops/NAME</c>, and the registry's journaled text).</summary>
    private static HoconConfig OneLoop(HoconConfig parsed, string loop)
    {
        if (!LoopKeys.IsValidName(loop))
        {
            throw new LoopDefinitionException($"\"{loop}\" is not a loop name; expected {LoopKeys.NameExpected}");
        }

        return parsed.AtPath(HoconConfig.PathOf("relay", "loops", loop));
    }
}
