using System.Text.RegularExpressions;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.Host.Tests;

/// <summary>Item 3 of issue 13: a key akka.hocon does not declare stops start-up with one line, its origin and the key meant.</summary>
public sealed class StrictConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relay-strict-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string SingleErrorLine(ProcessResult result)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error);
        return Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("config", "show")]
    [InlineData("run")]
    public async Task The_example_in_set_help_is_a_real_key_and_a_wrong_one_names_the_flag_and_the_key_meant(string first, string? second = null)
    {
        string[] command = second is null ? [first] : [first, second];

        var result = await RelayMesosProcess.RunAsync([.. command, "--set", "relay.delay=2s"]);

        Assert.Equal(
            "relay-mesos: configuration error: --set relay.delay: unknown key relay.delay; did you mean relay.controller.delay?",
            SingleErrorLine(result));
        var help = await RelayMesosProcess.RunAsync([.. command, "--help"]);
        Assert.Contains("--set relay.controller.delay=2s", help.Output);
    }

    [Fact]
    public async Task A_misspelt_key_in_a_file_names_the_file_and_line_and_the_key_meant()
    {
        var file = WriteFile("app.hocon", "relay {\n  warmer = \"sleep 1\"\n  controler.delay = 2s\n}\n");

        var result = await RelayMesosProcess.RunAsync(["run", "--config", file]);

        var line = SingleErrorLine(result);
        Assert.StartsWith($"relay-mesos: configuration error: {file}:3:", line);
        Assert.EndsWith("unknown key relay.controler.delay; did you mean relay.controller.delay?", line);
        Assert.DoesNotContain("Embedded Mesos cluster", result.Output);
    }

    [Fact]
    public async Task Every_unknown_key_is_named_and_a_key_far_from_any_gets_no_guess()
    {
        var result = await RelayMesosProcess.RunAsync(["config", "show", "--set", "relay.web.prot=9", "--set", "relay.zzzqqxx=1"]);

        var line = SingleErrorLine(result);
        Assert.Contains("unknown key relay.web.prot; did you mean relay.web.port?", line);
        Assert.Contains("relay.zzzqqxx", line);
        Assert.DoesNotContain("relay.zzzqqxx; did you mean", line);
    }

    [Fact]
    public async Task An_object_where_the_reference_has_a_single_value_is_unknown_below_it()
    {
        var result = await RelayMesosProcess.RunAsync(["config", "show", "--set", "relay.warmer.command=sleep 1"]);

        Assert.Contains("unknown key relay.warmer.command; did you mean relay.warmer?", SingleErrorLine(result));
    }

    [Fact]
    public async Task Open_maps_lists_plugin_settings_shorthands_and_an_akka_section_stay_allowed()
    {
        var plugin = typeof(AnswerPluginSource);
        var file = WriteFile("open.hocon", $$"""
            akka { actor { provider = local }, loglevel = INFO }
            relay {
              metric = "echo 3"
              target { type = plugin, assembly = "{{plugin.Assembly.Location}}", class = "{{plugin.FullName}}", answer = 42 }
              mesos.task.extra-resources { fpga = 1 }
              mesos.docker.volumes = [ { container-path = "/data", host-path = "/srv", mode = RO } ]
              simulator.scenarios.burst { plant = queue, arrival-rate = 9, target { shape = constant, level = 0 } }
            }
            """);

        var shown = await RelayMesosProcess.RunAsync(["config", "show", "relay", "--config", file]);
        var simulated = await RelayMesosProcess.RunAsync(["simulate", "--scenario", "burst", "--steps", "5", "--config", file]);

        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("relay.simulator.scenarios.burst.arrival-rate = 9", shown.Output);
        Assert.Contains("relay.target.answer = 42", shown.Output);
        Assert.True(simulated.ExitCode == 0, simulated.Error);
        Assert.Contains("scenario burst", simulated.Output);
    }

    [Fact]
    public async Task Plugin_settings_are_open_only_while_the_type_is_plugin()
    {
        var result = await RelayMesosProcess.RunAsync(["config", "show", "--set", "relay.metric.region=eu"]);

        Assert.Contains("unknown key relay.metric.region", SingleErrorLine(result));
    }

    [Fact]
    public async Task Config_show_rejects_a_bad_value_exactly_as_run_does()
    {
        string[] bad = ["--set", "relay.controller.delay=abc"];

        var shown = await RelayMesosProcess.RunAsync(["config", "show", .. bad]);
        var run = await RelayMesosProcess.RunAsync(["run", .. bad]);

        Assert.Contains("relay.controller.delay: 'abc'", SingleErrorLine(shown));
        Assert.Equal(SingleErrorLine(shown), SingleErrorLine(run));
    }

    [Fact]
    public async Task Run_with_two_loops_exits_2_naming_the_bad_value_under_its_loop()
    {
        var file = WriteFile("loops.hocon", "relay.loops {\n  orders.warmer = a\n  invoices { warmer = b, controller.delay = abc }\n}\n");

        var result = await RelayMesosProcess.RunAsync(["run", "--config", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("relay-mesos: configuration error: relay.loops.invoices.controller.delay: 'abc'", SingleErrorLine(result));
        Assert.DoesNotContain("Embedded Mesos cluster", result.Output);
    }

    [Fact]
    public async Task A_bad_loop_name_stops_run_with_exit_2_and_its_file_line_and_column()
    {
        var file = WriteFile("loops.hocon", "relay.loops {\n  Orders.warmer = a\n}\n");

        var result = await RelayMesosProcess.RunAsync(["run", "--config", file]);

        Assert.Matches($@"^relay-mesos: configuration error: {Regex.Escape(file)}:2:\d+: ""Orders"" is not a loop name; expected 1 to 63 characters", SingleErrorLine(result));
    }
}
