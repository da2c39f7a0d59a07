using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Framework.Registry;

namespace RelayMesos.Framework.Tests.Registry;

/// <summary>
/// The combining rule of runtime loop changes with the configuration file's loops (docs/configuration.md): the newer
/// intent wins. A runtime change stands while the file's loop of that name is the one it was when the change was made;
/// a file edited since decides again.
/// </summary>
public sealed class LoopCombinationPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);
    private static readonly string[] Names = ["a", "b", "default", "orders"];
    private static readonly string?[] Fingerprints = [null, "f1", "f2"];
    private static readonly DateTimeOffset At = new(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);

    /// <summary>For each name: the file's fingerprint (null: the file has no such loop) and the runtime change (none, applied, removed) with the fingerprint it recorded.</summary>
    private static readonly Arbitrary<Scene> Scenes = Gen.Choose(0, 26).ArrayOf(Names.Length).Select(Decode).ToArbitrary();

    [Fact]
    public void A_name_runs_from_the_file_unless_a_runtime_change_of_it_stands_and_a_change_stands_while_the_file_is_as_it_was()
    {
        Check.One(Config, Prop.ForAll(Scenes, scene =>
        {
            var combined = LoopCombination.Combine(scene.File, scene.Registry);

            foreach (var name in Names)
            {
                var file = scene.File.FirstOrDefault(l => l.Name == name);
                var entry = scene.Registry.Entries.GetValueOrDefault(name);
                var running = combined.Running.SingleOrDefault(l => l.Name == name);
                var removed = combined.Removed.Any(e => e.Name == name);
                var released = combined.Released.Any(r => r.Entry.Name == name);
                var stands = entry is not null && entry.FileFingerprint == file?.Fingerprint;

                Assert.Equal(entry is not null && !stands, released);
                if (stands)
                {
                    Assert.Equal(entry!.Removed, removed);
                    Assert.Equal(entry.Removed ? null : entry, running?.Applied);
                    Assert.Equal(!entry.Removed, running is not null);
                }
                else
                {
                    // No change, or one the file overtook: the file decides.
                    Assert.False(removed);
                    Assert.Equal(file is not null, running is { FromFile: true });
                    Assert.Equal(file is not null, running is not null);
                }
            }

            Assert.Equal(combined.Running.Select(l => l.Name).Order(StringComparer.Ordinal), combined.Running.Select(l => l.Name));
        }));
    }

    [Fact]
    public void Applying_a_loop_runs_that_definition_and_leaves_every_other_name_as_it_was()
    {
        var scenes = Scenes.Generator.SelectMany(scene => Gen.Elements(Names).Select(name => (Scene: scene, Name: name)));
        Check.One(Config, Prop.ForAll(scenes.ToArbitrary(), run =>
        {
            var before = LoopCombination.Combine(run.Scene.File, run.Scene.Registry);
            var applied = new LoopApplied(run.Name, "target = 7", "new.hocon", At, FingerprintOf(run.Scene, run.Name));

            var after = LoopCombination.Combine(run.Scene.File, run.Scene.Registry.Apply(applied));

            var loop = Assert.Single(after.Running, l => l.Name == run.Name);
            Assert.Equal("target = 7", loop.Applied?.Definition);
            Assert.DoesNotContain(after.Removed, e => e.Name == run.Name);
            Assert.DoesNotContain(after.Released, r => r.Entry.Name == run.Name);
            AssertSameElsewhere(before, after, run.Name);
        }));
    }

    [Fact]
    public void Removing_a_loop_stops_it_and_leaves_every_other_name_as_it_was()
    {
        var scenes = Scenes.Generator.SelectMany(scene => Gen.Elements(Names).Select(name => (Scene: scene, Name: name)));
        Check.One(Config, Prop.ForAll(scenes.ToArbitrary(), run =>
        {
            var before = LoopCombination.Combine(run.Scene.File, run.Scene.Registry);

            var after = LoopCombination.Combine(run.Scene.File, run.Scene.Registry.Apply(new LoopRemoved(run.Name, At, FingerprintOf(run.Scene, run.Name))));

            Assert.DoesNotContain(after.Running, l => l.Name == run.Name);
            Assert.Contains(after.Removed, e => e.Name == run.Name);
            AssertSameElsewhere(before, after, run.Name);
        }));
    }

    [Fact]
    public void Journaling_the_releases_changes_what_runs_in_nothing_and_leaves_nothing_to_release()
    {
        Check.One(Config, Prop.ForAll(Scenes, scene =>
        {
            var first = LoopCombination.Combine(scene.File, scene.Registry);
            var registry = first.Released.Aggregate(scene.Registry, (state, r) => state.Apply(new LoopReleased(r.Entry.Name, r.Reason)));

            var second = LoopCombination.Combine(scene.File, registry);

            Assert.Empty(second.Released);
            Assert.Equal(first.Running, second.Running);
            Assert.Equal(first.Removed, second.Removed);
        }));
    }

    [Fact]
    public void Editing_the_files_loop_after_a_runtime_change_hands_the_loop_back_to_the_file()
    {
        var file = new List<FileLoop> { new("orders", "f1"), new("billing", "f1") };
        var registry = LoopRegistryState.Empty
            .Apply(new LoopRemoved("orders", At, "f1"))
            .Apply(new LoopApplied("billing", "target = 3", "billing.hocon", At, "f1"))
            .Apply(new LoopApplied("extra", "target = 1", "extra.hocon", At, null));

        var unchanged = LoopCombination.Combine(file, registry);
        var edited = LoopCombination.Combine([new("orders", "f2"), new("billing", "f2")], registry);

        Assert.Equal(["billing", "extra"], unchanged.Running.Select(l => l.Name));
        Assert.All(unchanged.Running, l => Assert.False(l.FromFile));
        Assert.Equal(["orders"], unchanged.Removed.Select(e => e.Name));
        Assert.Equal(["billing", "extra", "orders"], edited.Running.Select(l => l.Name));
        Assert.Equal([true, false, true], edited.Running.Select(l => l.FromFile));
        Assert.Equal(["billing", "orders"], edited.Released.Select(r => r.Entry.Name));
        Assert.Contains("the configuration file's loop changed since", edited.Released[0].Reason, StringComparison.Ordinal);
    }

    private static void AssertSameElsewhere(CombinedLoops before, CombinedLoops after, string changed)
    {
        Assert.Equal(before.Running.Where(l => l.Name != changed), after.Running.Where(l => l.Name != changed));
        Assert.Equal(before.Removed.Where(e => e.Name != changed), after.Removed.Where(e => e.Name != changed));
        Assert.Equal(before.Released.Where(r => r.Entry.Name != changed), after.Released.Where(r => r.Entry.Name != changed));
    }

    /// <summary>What an operator's change records: the file's loop of that name as it is now.</summary>
    private static string? FingerprintOf(Scene scene, string name) => scene.File.FirstOrDefault(l => l.Name == name)?.Fingerprint;

    private static Scene Decode(int[] choices)
    {
        var file = new List<FileLoop>();
        var registry = LoopRegistryState.Empty;
        for (var i = 0; i < Names.Length; i++)
        {
            var (name, choice) = (Names[i], choices[i]);
            if (Fingerprints[choice % 3] is { } fingerprint)
            {
                file.Add(new FileLoop(name, fingerprint));
            }

            var recorded = Fingerprints[choice / 9 % 3];
            registry = ((choice / 3) % 3) switch
            {
                1 => registry.Apply(new LoopApplied(name, $"warmer = \"{name}\"", $"{name}.hocon", At, recorded)),
                2 => registry.Apply(new LoopRemoved(name, At, recorded)),
                _ => registry,
            };
        }

        return new Scene(file, registry);
    }

    private sealed record Scene(IReadOnlyList<FileLoop> File, LoopRegistryState Registry)
    {
        public override string ToString() =>
            $"file [{string.Join(", ", File.Select(l => $"{l.Name}:{l.Fingerprint}"))}], runtime [{string.Join(", ", Registry.Entries.Values.Select(e => $"{e.Name} {(e.Removed ? "removed" : "applied")} over {e.FileFingerprint ?? "none"}"))}]";
    }
}
