using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Control.Sources;
using RelayMesos.Framework.Registry;
using RelayMesos.Host.Configuration;
using RelayMesos.Host.Running;

namespace RelayMesos.Host.Tests;

/// <summary>Issue 27, item 4: a loop applied at runtime is read and checked exactly as a loop of the configuration file.</summary>
public sealed class RuntimeLoopBinderTests : IDisposable
{
    private const string File = """
        relay {
          warmer = "relay-warmer"
          controller.delay = 3s
          loops {
            alpha { warmer = "alpha-warmer", target = 1 }
            beta.target = 2
          }
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("relay-applied-").FullName;
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private RuntimeLoopBinder Binder(bool dryRun = false, string file = File)
    {
        var path = Path.Combine(_dir, "relay.hocon");
        System.IO.File.WriteAllText(path, file);
        var configuration = RelayConfigurationLoader.Load(new ConfigurationLayers([path], []), new Dictionary<string, string?>());
        return new RuntimeLoopBinder(configuration, dryRun, new MetricSourceContext(_http, TimeProvider.System, NullLoggerFactory.Instance));
    }

    [Fact]
    public async Task An_applied_loop_inherits_the_relay_block_and_keeps_its_own_keys_as_its_definition()
    {
        var loop = Assert.Single(Binder().Read("relay.loops.gamma {\n  controller.delay = 500ms\n  target = 7\n}\n", "gamma.hocon"));

        Assert.Equal("gamma", loop.Name);
        Assert.Equal("relay-warmer", loop.Settings.Warmer);
        Assert.Equal(TimeSpan.FromMilliseconds(500), loop.Controller.Delay);
        Assert.Equal(7, (await Assert.IsType<ConstantMetricSource>(loop.Sources.Target).ReadAsync(CancellationToken.None)).Value);
        Assert.Equal("controller {\n  delay = \"500ms\"\n}\ntarget = 7\n", loop.Definition);
        Assert.False(loop.Settings.DryRun);
    }

    [Fact]
    public void Several_loops_apply_together_and_the_form_of_one_loop_takes_its_keys_alone()
    {
        var binder = Binder();

        var loops = binder.Read("relay.loops {\n  gamma.target = 1\n  delta { target = 2, warmer = \"d\" }\n}\n", "two.hocon");
        var one = Assert.Single(binder.Read("target = 4\nmesos.task.cpus = 0.5\n", "request body", "orders"));

        Assert.Equal(["delta", "gamma"], loops.Select(l => l.Name));
        Assert.Equal("d", loops[0].Settings.Warmer);
        Assert.Equal("orders", one.Name);
        Assert.Equal(0.5, one.Settings.Task.Cpus);
    }

    [Fact]
    public void A_journaled_definition_binds_again_to_the_same_loop()
    {
        var binder = Binder();
        var applied = Assert.Single(binder.Read("relay.loops.gamma { controller { delay = 2s, mode = long-running }, metric.type = tasks, target = 2 }", "gamma.hocon"));

        var again = binder.Bind(RuntimeEntry.Applied("gamma", applied.Definition, "gamma.hocon", DateTimeOffset.UtcNow, null));

        Assert.Equal(applied.Definition, again.Definition);
        Assert.Equal(applied.Fingerprint, again.Fingerprint);
        Assert.Equal(applied.Controller.Delay, again.Controller.Delay);
        Assert.Equal(applied.Settings.Mode, again.Settings.Mode);
        Assert.Same(TaskCountMetricSource.Instance, again.Sources.Metric);
    }

    [Fact]
    public void Run_dry_run_holds_for_applied_loops_whatever_they_say()
    {
        var loop = Assert.Single(Binder(dryRun: true).Read("relay.loops.gamma { dry-run = false, target = 1 }", "gamma.hocon"));

        Assert.True(loop.Settings.DryRun);
        Assert.Equal("dry-run = false\ntarget = 1\n", loop.Definition);
    }

    [Theory]
    [InlineData("relay.loops.gamma {\n  controller.dealy = 2s\n}\n", "bad.hocon:2:22: unknown key relay.loops.gamma.controller.dealy; did you mean relay.loops.gamma.controller.delay?")]
    [InlineData("relay.loops.gamma {\n  mesos.master = \"m:5050\"\n}\n", "bad.hocon:2:18: relay.loops.gamma.mesos.master is framework-wide and cannot be set inside a loop; set relay.mesos.master instead")]
    [InlineData("relay.loops.gamma {\n  controller.delay = banana\n}\n", "bad.hocon:2:22: relay.loops.gamma.controller.delay: 'banana' is not valid; expected a duration")]
    [InlineData("relay.warmer = x\nrelay.loops.gamma.target = 1\n", "bad.hocon:1:16: relay.warmer cannot be applied; expected relay.loops { NAME { ... } }")]
    [InlineData("relay.loops.Gamma.target = 1\n", "bad.hocon:1:1: \"Gamma\" is not a loop name; expected 1 to 63 characters")]
    [InlineData("include \"other.conf\"\nrelay.loops.gamma.target = 1\n", "bad.hocon:1:1: include \"other.conf\" is not read here")]
    [InlineData("relay.loops.gamma {\n  target = 1\n", "bad.hocon:3:1: expected '}'")]
    [InlineData("relay.loops {}\n", "bad.hocon: no loop to apply; expected relay.loops { NAME { ... } }")]
    [InlineData("relay.loops { gamma.target = 1, delta.controller.delay = banana }\n", "bad.hocon:1:58: relay.loops.delta.controller.delay: 'banana' is not valid")]
    public void A_bad_definition_is_one_line_naming_the_place_and_nothing_of_it_is_taken(string text, string expected)
    {
        var error = Assert.Throws<LoopDefinitionException>(() => Binder().Read(text, "bad.hocon"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_source_that_cannot_start_is_the_definitions_error_too()
    {
        var plugin = typeof(RefusingPluginSource);

        var error = Assert.Throws<LoopDefinitionException>(() => Binder().Read(
            $"relay.loops.gamma.metric {{ type = plugin, assembly = \"{plugin.Assembly.Location}\", class = \"{plugin.FullName}\" }}", "gamma.hocon"));

        Assert.Equal("gamma.hocon: no queue named orders on this broker (InvalidOperationException)", error.Message);
    }

    [Fact]
    public void A_bad_name_in_the_form_of_one_loop_is_refused()
    {
        var error = Assert.Throws<LoopDefinitionException>(() => Binder().Read("target = 1", "request body", "-orders"));

        Assert.Equal("\"-orders\" is not a loop name; expected 1 to 63 characters of a-z, 0-9 and '-', neither first nor last", error.Message);
    }
}
