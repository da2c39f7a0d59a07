using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Tests;

/// <summary>For any keys relay and a loop set, a loop's effective value is its own if it sets one, else relay's.</summary>
public sealed class LoopResolutionPropertyTests
{
    private static readonly HoconConfig Reference = HoconConfig.ParseString(RelayConfigurationLoader.ReferenceText(), "akka.hocon");

    /// <summary>Every single value of the reference below a per-loop key (lists and maps hold data, not keys).</summary>
    private static readonly IReadOnlyList<string> Leaves = Reference.Resolve(new Dictionary<string, string?>())
        .GetConfig("relay")
        .WithOnlyPaths(LoopKeys.PerLoop)
        .Entries()
        .Where(e => e.Value is not null && !e.Keys.Any(k => k.All(char.IsAsciiDigit)))
        .Select(e => e.Path)
        .ToList();

    [Fact]
    public void A_loops_value_is_its_own_if_set_else_relays()
    {
        var sets = Gen.Zip(Gen.SubListOf(Leaves.ToArray()), Gen.SubListOf(Leaves.ToArray()), (relaySets, loopSets) => (relaySets, loopSets))
            .Zip(Gen.Choose(1, 3), (keys, loopCount) => (keys.relaySets, keys.loopSets, loopCount));
        var property = Prop.ForAll(Arb.From(sets), input =>
        {
            var (relaySets, loopSets, loopCount) = input;
            var text = string.Join('\n', relaySets.Select(k => $"relay.{k} = \"relay-{k}\""));
            for (var i = 0; i < loopCount; i++)
            {
                // Each loop sets a different share of the chosen keys, so loops do not all look alike.
                text += "\n" + string.Join('\n', loopSets.Where((_, n) => n % loopCount == i).Select(k => $"relay.loops.l{i}.{k} = \"l{i}-{k}\""));
                text += $"\nrelay.loops.l{i}.dry-run = \"l{i}-dry-run\"";
            }

            var resolved = HoconConfig.ParseString(text, "user.hocon").WithFallback(Reference).Resolve(new Dictionary<string, string?>());
            var relay = resolved.GetConfig("relay");
            return RelayLoops.Resolve(resolved).All(loop => Leaves.All(key =>
            {
                var own = loop.Own.HasPath(key);
                var expected = own ? $"{loop.Name}-{key}" : relay.GetString(key);
                return loop.Effective.GetString(key) == expected
                    && loop.Sets(key) == own
                    && loop.Effective.GetOrigin(key) == (own ? loop.Own.GetOrigin(key) : relay.GetOrigin(key));
            }));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }
}
