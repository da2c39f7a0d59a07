using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

/// <summary>The host's layering: akka.hocon ← --config files ← environment ← --set, with origins.</summary>
public class LayeringTests
{
    private const string Reference = """
        relay {
          # seconds between polls
          delay = 1s
          delay = ${?RELAY_DELAY}
          master = "zk://localhost:2181/mesos"
          master = ${?RELAY_MESOS_MASTER}
          warmer = "echo warm"
          hosts = [a]
          label = ${relay.warmer}" (auto)"
        }
        """;

    private static HoconConfig Layered(TempDirectory dir, string[] configFiles, string[] sets, params (string Name, string Value)[] environment)
    {
        var reference = HoconConfig.ParseFile(dir.Write("akka.hocon", Reference));
        var merged = reference;
        foreach (var file in configFiles)
        {
            merged = HoconConfig.ParseFile(Path.Combine(dir.Path, file)).WithFallback(merged);
        }

        merged = reference.EnvironmentOverrides().WithFallback(merged);
        foreach (var set in sets)
        {
            merged = HoconConfig.ParseString(set, "--set").WithFallback(merged);
        }

        return merged.Resolve(environment.ToDictionary(e => e.Name, e => (string?)e.Value));
    }

    [Fact]
    public void Later_layers_win_and_every_value_says_where_it_came_from()
    {
        using var dir = new TempDirectory();
        dir.Write("one.hocon", "relay.warmer = \"echo hot\"\nrelay.delay = 2s");
        dir.Write("two.hocon", "relay {\n  hosts += b\n}");
        var config = Layered(dir, ["one.hocon", "two.hocon"], ["relay.master = \"zk://set:2181/mesos\""], ("RELAY_DELAY", "5s"));

        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("relay.delay"));
        Assert.Equal("zk://set:2181/mesos", config.GetString("relay.master"));
        Assert.Equal(["a", "b"], config.GetStringList("relay.hosts"));
        Assert.Equal("echo hot (auto)", config.GetString("relay.label"));

        var origins = config.Entries().ToDictionary(e => e.Path, e => e.Origin.ToString());
        Assert.Equal("env RELAY_DELAY", origins["relay.delay"]);
        Assert.Equal("--set:1:16", origins["relay.master"]);
        Assert.Equal($"{Path.Combine(dir.Path, "one.hocon")}:1:16", origins["relay.warmer"]);
        Assert.Equal($"{Path.Combine(dir.Path, "akka.hocon")}:8:12", origins["relay.hosts.0"]);
        Assert.Equal($"{Path.Combine(dir.Path, "two.hocon")}:2:12", origins["relay.hosts.1"]);
        Assert.Equal($"{Path.Combine(dir.Path, "akka.hocon")}:9:11", origins["relay.label"]);
    }

    [Fact]
    public void Unset_environment_variable_keeps_the_config_file_value()
    {
        using var dir = new TempDirectory();
        dir.Write("one.hocon", "relay.delay = 2s");
        var config = Layered(dir, ["one.hocon"], []);
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetDuration("relay.delay"));
        Assert.Equal($"{Path.Combine(dir.Path, "one.hocon")}:1:15", config.GetOrigin("relay.delay").ToString());
        Assert.Equal("zk://localhost:2181/mesos", config.GetString("relay.master"));
    }

    [Fact]
    public void Set_flag_beats_the_environment()
    {
        using var dir = new TempDirectory();
        var config = Layered(dir, [], ["relay.delay = 9s"], ("RELAY_DELAY", "5s"));
        Assert.Equal(TimeSpan.FromSeconds(9), config.GetDuration("relay.delay"));
        Assert.Equal("--set", config.GetOrigin("relay.delay").Source);
    }

    [Fact]
    public void With_fallback_follows_the_spec_pairwise_merge_order()
    {
        var first = HoconConfig.ParseString("a : { x : 1 }");
        var fortyTwo = HoconConfig.ParseString("a : 42");
        var second = HoconConfig.ParseString("a : { y : 2 }");
        Assert.Equal(Hocon.Canonical("a : { x : 1 }"), first.WithFallback(fortyTwo).WithFallback(second).Render());
        Assert.Equal(Hocon.Canonical("a : { x : 1, y : 2 }"), first.WithFallback(second).WithFallback(fortyTwo).Render());
    }

    [Fact]
    public void Substitutions_resolve_across_layered_files()
    {
        var defaults = HoconConfig.ParseString("port = 80\nurl = \"http://host:\"${port}");
        var overrides = HoconConfig.ParseString("port = 8080");
        Assert.Equal("http://host:8080", overrides.WithFallback(defaults).Resolve(new Dictionary<string, string?>()).GetString("url"));
    }

    [Fact]
    public void Render_sorts_keys_and_can_show_origins()
    {
        var config = Hocon.Parse("b = 2\na { d = \"x y\", c = [1, 2] }\n\"q.k\" = true");
        Assert.Equal("a {\n  c = [1, 2]\n  d = \"x y\"\n}\nb = 2\n\"q.k\" = true\n", config.Render());
        Assert.Contains("  # <string>:2:20\n  c = [1, 2]\n", config.Render(withOrigins: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolved_render_parses_back_to_the_same_resolution()
    {
        var text = "a = 1\na = ${?A}\np = [x]\np += y\ns = ${a} and more\nq = ${p}\no = { k = 1 } ${?none}";
        var unresolved = HoconConfig.ParseString(text);
        var environment = new Dictionary<string, string?> { ["A"] = "7" };
        Assert.Equal(
            unresolved.Resolve(environment).Render(),
            HoconConfig.ParseString(unresolved.Render()).Resolve(environment).Render());
    }

    [Fact]
    public void Entries_list_every_leaf_with_dotted_paths()
    {
        var entries = Hocon.Parse("a.b = 1\nl = [x, { y = 2 }]\nn = null\n\"dot.key\" = v").Entries();
        Assert.Equal(["a.b", "\"dot.key\"", "l.0", "l.1.y", "n"], entries.Select(e => e.Path));
        Assert.Equal(["dot.key"], entries[1].Keys);
        Assert.Null(entries[4].Value);
    }

    [Fact]
    public void Entries_with_empty_containers_list_empty_lists_and_maps_where_they_were_set()
    {
        var config = Hocon.Parse("a.b = 1\nl = []\nm {}\nn = [[], {}]");

        var entries = config.Entries(withEmptyContainers: true);

        Assert.Equal(["a.b", "l", "m", "n.0", "n.1"], entries.Select(e => e.Path));
        Assert.Equal(["1", "[]", "{}", "[]", "{}"], entries.Select(e => e.Value));
        Assert.Equal(2, entries[1].Origin.Line);
        Assert.Equal(["a.b"], config.Entries().Select(e => e.Path));
    }

    [Theory]
    [InlineData("relay.controler", "relay.controller")]
    [InlineData("relay.controller.dely", "relay.controller.delay")]
    [InlineData("relay.controller.delay.unit", "relay.controller.delay")]
    [InlineData("relay.seed-node", "relay.seed-nodes")]
    [InlineData("zzzzqqqq", null)]
    public void Nearest_path_is_an_objects_or_a_values_path_close_to_what_was_typed(string typed, string? nearest)
    {
        var config = Hocon.Parse("relay { controller { delay = 1s, ramp = 3 }, seed-nodes = [] }");

        Assert.Equal(nearest, config.NearestPath(typed));
    }

    [Fact]
    public void Get_config_is_relative_to_the_object()
    {
        var relay = Hocon.Parse("relay { delay = 3s, cmd = \"echo\" }").GetConfig("relay");
        Assert.Equal(TimeSpan.FromSeconds(3), relay.GetDuration("delay"));
        Assert.Equal("echo", relay.GetString("cmd"));
        Assert.Equal("dflt", relay.GetString("other", "dflt"));
        Assert.Same(HoconConfig.Empty, Hocon.Parse("a = 1").GetConfig("nope", HoconConfig.Empty));
    }
}
