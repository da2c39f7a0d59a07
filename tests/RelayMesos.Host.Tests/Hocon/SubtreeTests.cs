using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

/// <summary>Cutting and placing parts of a tree (for loops that inherit some keys of another block), origins kept.</summary>
public class SubtreeTests
{
    private const string Relay = """
        relay {
          warmer = "w"
          controller { delay = 1s, lookback = 10 }
          mesos { master = local, task { cpus = 0.1, mem = 32 }, constraints = ["a:b"] }
          web.port = 8080
        }
        """;

    [Fact]
    public void With_only_paths_keeps_those_values_and_what_is_below_them_with_their_origins()
    {
        var config = Hocon.Parse(Relay).GetConfig("relay");

        var kept = config.WithOnlyPaths(["controller", "mesos.task", "mesos.constraints", "missing.key"]);

        Assert.Equal(
            ["controller.delay", "controller.lookback", "mesos.constraints.0", "mesos.task.cpus", "mesos.task.mem"],
            kept.Entries().Select(e => e.Path));
        Assert.Equal(config.GetOrigin("mesos.task.mem"), kept.GetOrigin("mesos.task.mem"));
        Assert.False(kept.HasPath("mesos.master"));
    }

    [Fact]
    public void Without_path_drops_one_value_and_leaves_its_siblings()
    {
        var config = Hocon.Parse(Relay);

        var trimmed = config.WithoutPath("relay.mesos.task").WithoutPath("relay.nothing.here");

        Assert.False(trimmed.HasPath("relay.mesos.task"));
        Assert.Equal("local", trimmed.GetString("relay.mesos.master"));
        Assert.Same(config, config.WithoutPath("relay.nothing"));
    }

    [Fact]
    public void At_path_places_a_config_below_a_path_and_a_fallback_fills_what_it_lacks()
    {
        var loop = Hocon.Parse("controller.delay = 2s\nwarmer = \"own\"");
        var defaults = Hocon.Parse(Relay).GetConfig("relay").WithOnlyPaths(["warmer", "controller"]);

        var effective = loop.WithFallback(defaults).AtPath("relay.loops.a");

        Assert.Equal("2s", effective.GetString("relay.loops.a.controller.delay"));
        Assert.Equal(1, effective.GetOrigin("relay.loops.a.controller.delay").Line);
        Assert.Equal(10, effective.GetInt("relay.loops.a.controller.lookback"));
        Assert.Equal(3, effective.GetOrigin("relay.loops.a.controller.lookback").Line);
        Assert.Equal(["relay"], effective.Keys);
    }

    [Fact]
    public void A_block_checked_against_another_blocks_shape_is_named_and_suggested_under_its_own_path()
    {
        var reference = Hocon.Parse("relay { controller { delay = 1s }, warmer = w, open {} }");
        var config = Hocon.Parse("relay.loops.a { controller.dealy = 2s, warmer = x, open.mine = 1, zzzqqq = 1 }");

        var unknown = HoconSchema.FromReference(reference).UnknownKeys(config, "relay.loops.a", "relay");

        Assert.Equal(["relay.loops.a.controller.dealy", "relay.loops.a.zzzqqq"], unknown.Select(u => u.Path));
        Assert.Equal("relay.loops.a.controller.delay", unknown[0].Suggestion);
        Assert.Null(unknown[1].Suggestion);
    }

    [Fact]
    public void Path_of_quotes_a_key_that_is_not_a_plain_word()
    {
        Assert.Equal("relay.loops.\"a.b\"", HoconConfig.PathOf("relay", "loops", "a.b"));
        Assert.Equal("relay.loops.orders", HoconConfig.PathOf("relay", "loops", "orders"));
    }
}
