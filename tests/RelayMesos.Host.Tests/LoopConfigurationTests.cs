using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Settings;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Tests;

/// <summary>Issue 27, item 1: relay.loops, each loop a block of relay's per-loop keys with relay's as defaults.</summary>
public sealed class LoopConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relay-loops-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string text)
    {
        var path = Path.Combine(_dir, "loops.hocon");
        File.WriteAllText(path, text);
        return path;
    }

    private HoconConfig Load(string file, IReadOnlyList<KeyValuePair<string, string>>? sets = null, Dictionary<string, string?>? environment = null) =>
        RelayConfigurationLoader.Load(new ConfigurationLayers([WriteFile(file)], sets ?? []), environment ?? []);

    private string LoadError(string file, params KeyValuePair<string, string>[] sets) =>
        Assert.Throws<ConfigurationLoadException>(() => Load(file, sets)).Message;

    private static IConfiguration Bound(HoconConfig hocon) => new ConfigurationBuilder().AddHocon(hocon).Build();

    [Theory]
    [InlineData("relay.warmer = \"w\"")]
    [InlineData("relay.warmer = \"w\"\nrelay.loops {}")]
    public void Without_loops_there_is_one_loop_named_default_equal_to_relay(string file)
    {
        var hocon = Load(file);

        var loop = Assert.Single(RelayLoops.Resolve(hocon));

        Assert.Equal("default", loop.Name);
        Assert.True(loop.IsImplicit);
        var relay = hocon.GetConfig("relay").WithOnlyPaths(LoopKeys.PerLoop).Entries().Select(e => (e.Path, e.Value, e.Origin));
        Assert.Equal(relay, loop.Effective.Entries().Select(e => (e.Path, e.Value, e.Origin)));
        Assert.Same(hocon, RelayLoops.ForRun(hocon));
    }

    [Fact]
    public void A_loop_key_is_its_own_if_set_else_relays_and_keeps_the_origin_of_the_value_used()
    {
        var hocon = Load("""
            relay {
              warmer = "relay-warmer"
              loops.orders {
                controller.delay = 2s
                metric.timeout = 1s
              }
            }
            """);

        var loop = Assert.Single(RelayLoops.Resolve(hocon));

        Assert.Equal("orders", loop.Name);
        Assert.Equal("2s", loop.Effective.GetString("controller.delay"));
        Assert.Equal(4, loop.Effective.GetOrigin("controller.delay").Line);
        Assert.True(loop.Sets("controller.delay"));
        Assert.Equal("relay-warmer", loop.Effective.GetString("warmer"));
        Assert.Equal(2, loop.Effective.GetOrigin("warmer").Line);
        Assert.False(loop.Sets("warmer"));
        Assert.Equal("akka.hocon", loop.Effective.GetOrigin("controller.lookback").Source);
        // Objects merge key by key: a loop that sets metric.timeout keeps relay's metric.type.
        Assert.Equal("1s", loop.Effective.GetString("metric.timeout"));
        Assert.Equal("tasks", loop.Effective.GetString("metric.type"));
        Assert.False(loop.Effective.HasPath("mesos.master"));
        Assert.False(loop.Effective.HasPath("mesos.refuse"));
    }

    [Fact]
    public void Environment_variables_and_set_flags_reach_inside_a_loop_and_a_loops_own_value_beats_relays_variable()
    {
        var hocon = Load(
            """
            relay.loops {
              a { warmer = ${?ORDERS_WARMER} }
              b { warmer = "own" }
            }
            """,
            [new("relay.loops.a.cooler", "flag-cooler")],
            new() { ["ORDERS_WARMER"] = "env-warmer", ["RELAY_WARMER"] = "relay-env-warmer" });

        var loops = RelayLoops.Resolve(hocon).ToDictionary(l => l.Name);

        Assert.Equal("env-warmer", loops["a"].Effective.GetString("warmer"));
        Assert.Equal("env ORDERS_WARMER", loops["a"].Effective.GetOrigin("warmer").Location);
        Assert.Equal("flag-cooler", loops["a"].Effective.GetString("cooler"));
        Assert.Equal("--set relay.loops.a.cooler", loops["a"].Effective.GetOrigin("cooler").Location);
        Assert.Equal("own", loops["b"].Effective.GetString("warmer"));
        Assert.Equal("relay-env-warmer", hocon.GetString("relay.warmer"));
    }

    [Fact]
    public void A_loop_may_be_named_default()
    {
        var loop = Assert.Single(RelayLoops.Resolve(Load("relay.loops.default.warmer = \"mine\"")));

        Assert.Equal("default", loop.Name);
        Assert.False(loop.IsImplicit);
        Assert.Equal("mine", loop.Effective.GetString("warmer"));
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("a_b")]
    [InlineData("")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a.b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_bad_loop_name_stops_with_its_file_line_and_column(string name)
    {
        var message = LoadError($"relay.loops {{\n  \"{name}\" {{ warmer = x }}\n}}\n");

        Assert.Matches($@"^{Regex.Escape(Path.Combine(_dir, "loops.hocon"))}:2:\d+: ""{Regex.Escape(name)}"" is not a loop name; expected 1 to 63 characters of a-z, 0-9 and '-', neither first nor last$", message);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("orders-eu-1")]
    [InlineData("0")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Good_loop_names_load(string name) =>
        Assert.Equal(name, Assert.Single(RelayLoops.Resolve(Load($"relay.loops.{name}.warmer = x"))).Name);

    [Fact]
    public void An_unknown_key_inside_a_loop_names_its_line_and_the_loop_key_meant()
    {
        var message = LoadError("relay.loops {\n  a {\n    controller.dealy = 2s\n  }\n}\n");

        Assert.EndsWith("loops.hocon:3:24: unknown key relay.loops.a.controller.dealy; did you mean relay.loops.a.controller.delay?", message);
    }

    [Fact]
    public void A_loop_under_relays_plugin_metric_may_set_that_plugins_own_keys()
    {
        var hocon = Load("""
            relay.metric { type = plugin, assembly = "/opt/p.dll", class = "P", depth = 1 }
            relay.loops.a.metric.depth = 2
            """);

        Assert.Equal("2", Assert.Single(RelayLoops.Resolve(hocon)).Effective.GetString("metric.depth"));
    }

    [Theory]
    [InlineData("persistence.provider = memory", "relay.persistence.provider")]
    [InlineData("mesos.master = \"http://m:5050\"", "relay.mesos.master")]
    [InlineData("mesos.refuse = 1s", "relay.mesos.refuse")]
    [InlineData("mesos.framework { name = x }", "relay.mesos.framework.name")]
    [InlineData("web.port = 9", "relay.web.port")]
    [InlineData("simulator.scenarios.x.plant = queue", "relay.simulator.scenarios.x.plant")]
    public void A_framework_wide_key_inside_a_loop_says_so_and_where_to_set_it(string line, string relayKey)
    {
        var message = LoadError($"relay.loops {{\n  a {{\n    {line}\n  }}\n}}\n");

        var loopKey = "relay.loops.a" + relayKey["relay".Length..];
        Assert.Matches($@"loops\.hocon:3:\d+: {Regex.Escape(loopKey)} is framework-wide and cannot be set inside a loop; set {Regex.Escape(relayKey)} instead \(one for every loop\)$", message);
    }

    [Fact]
    public void A_framework_wide_key_set_by_flag_inside_a_loop_names_the_flag()
    {
        var message = LoadError("relay.warmer = w", new KeyValuePair<string, string>("relay.loops.a.mesos.master", "http://m:5050"));

        Assert.StartsWith("--set relay.loops.a.mesos.master: relay.loops.a.mesos.master is framework-wide", message);
    }

    [Fact]
    public void A_loop_that_is_not_an_object_is_refused()
    {
        Assert.EndsWith("loops.hocon:1:17: 'relay.loops.a' is not an object; expected an object of the loop's keys, such as relay.loops.a { warmer = \"...\" }", LoadError("relay.loops.a = 5"));
    }

    [Fact]
    public void Run_with_two_loops_binds_each_with_its_own_keys_and_its_own_history()
    {
        var hocon = RelayLoops.ForRun(Load("relay.warmer = shared\nrelay.loops.b { controller.delay = 2s }\nrelay.loops.a.warmer = y\n"));

        var bound = RelayLoops.Resolve(hocon).Select(loop =>
        {
            var config = Bound(RelayLoops.AsRelay(hocon, loop));
            var controller = ControllerSettingsBinder.Bind(config);
            return (controller, framework: FrameworkSettingsBinder.Bind(config, controller) with { Loop = loop.Name });
        }).ToList();

        Assert.Equal(["y", "shared"], bound.Select(b => b.framework.Warmer));
        Assert.Equal(TimeSpan.FromSeconds(2), bound[1].controller.Delay);
        Assert.Equal(["relay-controller/relay-mesos/*/a", "relay-controller/relay-mesos/*/b"], bound.Select(b => PersistenceIds.Controller(b.framework)));
    }

    [Fact]
    public void Run_dry_run_outvotes_the_own_dry_run_false_of_every_loop_of_several()
    {
        var hocon = RelayLoops.ForRun(Load("relay.loops { a { warmer = x, dry-run = false }, b.warmer = y }"), dryRun: true);

        Assert.All(RelayLoops.Resolve(hocon), loop => Assert.True(Bound(RelayLoops.AsRelay(hocon, loop)).GetBool("relay.dry-run")));
    }

    [Fact]
    public void Run_with_one_loop_binds_its_keys_where_relays_were_and_keeps_todays_persistence_ids()
    {
        var hocon = Load("""
            relay {
              warmer = "relay-warmer"
              controller.delay = 3s
              mesos.master = "http://m:5050"
              loops.orders { controller.delay = 2s, cooler = "drain", mesos.task.cpus = 0.5, dry-run = true }
            }
            """);

        var config = Bound(RelayLoops.ForRun(hocon));
        var controller = ControllerSettingsBinder.Bind(config);
        var framework = FrameworkSettingsBinder.Bind(config, controller);

        Assert.Equal(TimeSpan.FromSeconds(2), controller.Delay);
        Assert.Equal("relay-warmer", framework.Warmer);
        Assert.Equal("drain", framework.Cooler);
        Assert.Equal(0.5, framework.Task.Cpus);
        Assert.True(framework.DryRun);
        Assert.Equal("http://m:5050", framework.Master);
        Assert.Null(config["relay:loops:orders:cooler"]);
        var today = FrameworkSettingsBinder.Bind(Bound(Load("relay.warmer = x")), controller);
        Assert.Equal(PersistenceIds.Controller(today), PersistenceIds.Controller(framework));
        Assert.Equal("relay-controller/relay-mesos/*", PersistenceIds.Controller(framework));
    }

    [Fact]
    public void Run_dry_run_outvotes_a_loops_own_dry_run_false()
    {
        var hocon = Load("relay.loops.orders { warmer = x, dry-run = false }");

        Assert.False(Bound(RelayLoops.ForRun(hocon)).GetBool("relay.dry-run"));
        Assert.True(Bound(RelayLoops.ForRun(hocon, dryRun: true)).GetBool("relay.dry-run"));
    }

    [Fact]
    public void A_bad_value_a_loop_sets_is_named_under_the_loop_and_an_inherited_one_where_relay_sets_it()
    {
        var own = Assert.Throws<ConfigurationValueException>(() => RelaySettingsCheck.Check(Load("relay.loops.a.controller.delay = banana")));
        Assert.StartsWith("relay.loops.a.controller.delay: 'banana' is not valid", own.Message);

        var inherited = Assert.Throws<ConfigurationValueException>(() => RelaySettingsCheck.Check(Load("relay.controller.delay = banana\nrelay.loops.a.warmer = x")));
        Assert.StartsWith("relay.controller.delay: 'banana' is not valid", inherited.Message);
    }

    [Fact]
    public void Every_per_loop_key_is_a_key_of_the_reference()
    {
        var reference = HoconConfig.ParseString(RelayConfigurationLoader.ReferenceText(), "akka.hocon").Resolve(new Dictionary<string, string?>());

        Assert.All(LoopKeys.PerLoop, key => Assert.True(reference.HasPath("relay." + key), key));
        Assert.Equal("{}", reference.Entries(withEmptyContainers: true).Single(e => e.Path == LoopKeys.LoopsPath).Value);
    }
}
