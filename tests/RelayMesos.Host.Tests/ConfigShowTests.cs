using System.Text.RegularExpressions;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.Host.Tests;

public sealed class ConfigShowTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relay-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string LineFor(string output, string key) =>
        output.Split('\n').Single(l => l.StartsWith(key + " = ", StringComparison.Ordinal));

    [Fact]
    public async Task Defaults_come_from_the_reference_file_with_their_line()
    {
        var result = await RelayMesosProcess.RunAsync(["config", "show", "relay.controller.lookback"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^relay\.controller\.lookback = 1000 +# akka\.hocon:\d+:\d+\s*$", LineFor(result.Output, "relay.controller.lookback"));
    }

    [Fact]
    public async Task Layers_apply_in_order_files_then_environment_then_flags()
    {
        var first = WriteFile("first.hocon", "relay.controller.lookback = 10\nrelay.controller.ramp = 3\nrelay.mesos.master = \"http://a:5050\"");
        var second = WriteFile("second.hocon", "relay.controller.lookback = 20");

        var result = await RelayMesosProcess.RunAsync(
            ["config", "show", "relay", "--config", first, "--config", second, "--set", "relay.controller.ramp=4", "--mesos_master", "http://flag:5050"],
            new Dictionary<string, string> { ["RELAY_MESOS_MASTER"] = "http://env:5050", ["RELAY_LOOKBACK"] = "30" });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("# env RELAY_LOOKBACK", LineFor(result.Output, "relay.controller.lookback"));
        Assert.StartsWith("relay.controller.lookback = 30 ", LineFor(result.Output, "relay.controller.lookback"));
        Assert.Contains("= 4 ", LineFor(result.Output, "relay.controller.ramp"));
        Assert.EndsWith("# --set relay.controller.ramp", LineFor(result.Output, "relay.controller.ramp").TrimEnd());
        Assert.StartsWith("relay.mesos.master = http://flag:5050 ", LineFor(result.Output, "relay.mesos.master"));
    }

    [Fact]
    public async Task A_file_value_wins_over_the_reference_and_names_its_file_and_line()
    {
        var file = WriteFile("app.hocon", "\n\nrelay {\n  warmer = \"./start-worker.sh\"\n}\n");

        var result = await RelayMesosProcess.RunAsync(["config", "show", "relay.warmer", "--config", file]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"# {file}:4:", LineFor(result.Output, "relay.warmer"));
    }

    [Fact]
    public async Task Relay_mesos_task_resources_map_to_task_keys_from_flag_and_environment()
    {
        var fromFlag = await RelayMesosProcess.RunAsync(["config", "show", "relay.mesos.task", "--task_resources", "cpus=2 mem=64 fpga=1"]);
        var fromEnv = await RelayMesosProcess.RunAsync(["config", "show", "relay.mesos.task"], new Dictionary<string, string> { ["RELAY_TASK_RESOURCES"] = "cpus=3 mem=65" });

        Assert.StartsWith("relay.mesos.task.cpus = 2 ", LineFor(fromFlag.Output, "relay.mesos.task.cpus"));
        Assert.StartsWith("relay.mesos.task.extra-resources.fpga = 1 ", LineFor(fromFlag.Output, "relay.mesos.task.extra-resources.fpga"));
        Assert.Contains("# env RELAY_TASK_RESOURCES", LineFor(fromEnv.Output, "relay.mesos.task.mem"));
        Assert.StartsWith("relay.mesos.task.cpus = 3 ", LineFor(fromEnv.Output, "relay.mesos.task.cpus"));
    }

    [Fact]
    public async Task A_malformed_file_is_one_line_naming_file_line_and_expectation_with_exit_code_2()
    {
        var file = WriteFile("bad.hocon", "relay {\n  delay = 5s\n  oops = \n}\n");

        var result = await RelayMesosProcess.RunAsync(["config", "show", "--config", file]);

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{file}:4:1", message);
        Assert.Contains("expected", message);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("akka.cluster.seed-nodes", "[]")]
    [InlineData("relay.mesos.constraints", "[]")]
    [InlineData("relay.mesos.task.extra-resources", "{}")]
    public async Task An_empty_list_or_map_is_shown_with_its_origin(string key, string shown)
    {
        var alone = await RelayMesosProcess.RunAsync(["config", "show", key]);
        var all = await RelayMesosProcess.RunAsync(["config", "show"]);
        var set = await RelayMesosProcess.RunAsync(["config", "show", key, "--set", $"{key}={shown}"]);

        Assert.Equal(0, alone.ExitCode);
        Assert.Matches($@"^{Regex.Escape(key)} = {Regex.Escape(shown)} +# akka\.hocon:\d+:\d+\s*$", LineFor(alone.Output, key));
        // The full listing pads values to its widest line.
        Assert.Equal(Regex.Replace(LineFor(alone.Output, key), @"\s+", " "), Regex.Replace(LineFor(all.Output, key), @"\s+", " "));
        Assert.EndsWith($"# --set {key}", LineFor(set.Output, key).TrimEnd());
    }

    [Theory]
    [InlineData("relay.controler", "relay.controller")]
    [InlineData("relay.controller.lookbak", "relay.controller.lookback")]
    [InlineData("relay.controller.lookback.window", "relay.controller.lookback")]
    public async Task A_prefix_that_names_no_key_is_one_line_with_the_nearest_key_and_exit_code_2(string prefix, string nearest)
    {
        var result = await RelayMesosProcess.RunAsync(["config", "show", prefix]);

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(message, result.Error.Trim());
        Assert.Equal($"relay-mesos: config show: no configuration key is or starts with '{prefix}'; did you mean {nearest}?", message.TrimEnd());
    }

    [Fact]
    public async Task A_prefix_like_no_key_at_all_gets_no_suggestion()
    {
        var result = await RelayMesosProcess.RunAsync(["config", "show", "zzzzqqqq"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("relay-mesos: config show: no configuration key is or starts with 'zzzzqqqq'", result.Error.Trim());
    }

    [Theory]
    [InlineData("config", "show", "--config", "/does/not/exist.hocon")]
    [InlineData("config", "show", "--set", "no-equals-sign")]
    [InlineData("config", "show", "--task_resources", "cpus=lots")]
    [InlineData("config", "shoe")]
    public async Task Bad_usage_exits_2_without_a_stack_trace(params string[] args)
    {
        var result = await RelayMesosProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("relay-mesos: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Passwords_in_connection_strings_are_not_shown()
    {
        var result = await RelayMesosProcess.RunAsync(
            ["config", "show", "relay.persistence"],
            new Dictionary<string, string> { ["RELAY_POSTGRES_CONNECTION_STRING"] = "Host=db;Username=relay;Password=hunter2;Database=relay" });

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("hunter2", result.Output);
        Assert.Contains("Password=***", result.Output);
    }

    [Fact]
    public async Task Help_describes_every_command()
    {
        var result = await RelayMesosProcess.RunAsync(["--help"]);
        var run = await RelayMesosProcess.RunAsync(["run", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("config", result.Output);
        Assert.Contains("--mesos_master", run.Output);
    }

    [Fact]
    public async Task Config_show_of_a_loop_names_its_own_values_and_what_each_inherited_value_comes_from()
    {
        var file = WriteFile("orders.hocon", "relay {\n  warmer = \"sleep 5\"\n  loops.orders {\n    controller.delay = 2s\n  }\n}\n");

        var result = await RelayMesosProcess.RunAsync(
            ["config", "show", "relay.loops.orders", "--config", file, "--set", "relay.loops.orders.cooler=./drain.sh"],
            new Dictionary<string, string> { ["RELAY_LOOKBACK"] = "30" });

        Assert.Equal(0, result.ExitCode);
        Assert.Matches($@"^relay\.loops\.orders\.controller\.delay = 2s +# {Regex.Escape(file)}:4:\d+$", LineFor(result.Output, "relay.loops.orders.controller.delay"));
        Assert.Matches(@"^relay\.loops\.orders\.controller\.ramp = 1 +# inherited from relay\.controller\.ramp \(akka\.hocon:\d+:\d+\)$", LineFor(result.Output, "relay.loops.orders.controller.ramp"));
        Assert.Matches($@"^relay\.loops\.orders\.warmer = sleep 5 +# inherited from relay\.warmer \({Regex.Escape(file)}:2:\d+\)$", LineFor(result.Output, "relay.loops.orders.warmer"));
        Assert.EndsWith("# --set relay.loops.orders.cooler", LineFor(result.Output, "relay.loops.orders.cooler").TrimEnd());
        Assert.EndsWith("# inherited from relay.controller.lookback (env RELAY_LOOKBACK)", LineFor(result.Output, "relay.loops.orders.controller.lookback").TrimEnd());
        Assert.DoesNotContain("relay.loops.orders.mesos.master", result.Output);
        Assert.DoesNotContain("relay.loops.orders.persistence", result.Output);
    }

    [Fact]
    public async Task Config_show_of_default_without_loops_is_relays_per_loop_keys_and_a_missing_loop_is_one_line()
    {
        var shown = await RelayMesosProcess.RunAsync(["config", "show", "relay.loops.default.controller"]);

        Assert.Equal(0, shown.ExitCode);
        Assert.Matches(@"^relay\.loops\.default\.controller\.delay = 1s +# inherited from relay\.controller\.delay \(akka\.hocon:\d+:\d+\)$", LineFor(shown.Output, "relay.loops.default.controller.delay"));

        var missing = await RelayMesosProcess.RunAsync(["config", "show", "relay.loops.nosuch"]);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(
            "relay-mesos: config show: no configuration key is or starts with 'relay.loops.nosuch'; the loops are relay.loops.default",
            Assert.Single(missing.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
