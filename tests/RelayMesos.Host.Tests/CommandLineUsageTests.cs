using RelayMesos.TestKit.Processes;

namespace RelayMesos.Host.Tests;

/// <summary>Item 3 of issue 13: bad usage is exit code 2 and one line; each command's help lists only its own options.</summary>
public sealed class CommandLineUsageTests
{
    [Theory]
    [InlineData("simulate --scenario queue --steps -5", "--steps -5: expected")]
    [InlineData("simulate --scenario queue --steps abc", "'abc' for option '--steps' as a whole number")]
    [InlineData("config show --verbose", "unknown option '--verbose' for 'config show'")]
    [InlineData("run --teardow", "'--teardow'")]
    [InlineData("local-cluster --port 70000", "--port 70000: expected a port")]
    [InlineData("bench controller --metric 5", "'--metric'")]
    [InlineData("bench controller --shapes snail", "--shapes: 'snail' is not valid; expected one of bench, quick")]
    [InlineData("bench plant --shapes 1/0.25", "--shapes: '1/0.25' is not valid; expected one of bench")]
    [InlineData("frobnicate", "'frobnicate'")]
    [InlineData("loops list --url ftp://relay:8080", "loops list: --url 'ftp://relay:8080' is not an http(s) URL")]
    [InlineData("loops apply /nonexistent/loops.hocon --url http://127.0.0.1:9/", "loops apply: cannot read /nonexistent/loops.hocon")]
    [InlineData("run --mesos_master m1:5050,,m3:5050", "relay.mesos.master: 'm1:5050,,m3:5050' is not valid; expected local, masters such as http://m1:5050,http://m2:5050, or zk://zk1:2181/mesos; Mesos master 2 of 3 is empty")]
    public async Task Bad_usage_is_exit_code_2_and_one_line(string commandLine, string expected)
    {
        var result = await RelayMesosProcess.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("relay-mesos: ", line);
        Assert.Contains(expected, line);
        Assert.Equal("", result.Output.Replace(line, "").Trim());
    }

    [Fact]
    public async Task A_deployment_that_cannot_be_reached_is_exit_code_1_and_one_line_naming_where()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await RelayMesosProcess.RunAsync(["loops", "list", "--url", $"http://127.0.0.1:{port}"]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"relay-mesos: loops list: cannot reach http://127.0.0.1:{port}/ (", line, StringComparison.Ordinal);
        Assert.EndsWith("is relay-mesos run serving its web API there? (--url, RELAY_MESOS_URL)", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--teardown --dry-run --config --set --mesos_master --metric --task_resources", "--scenario --agents")]
    [InlineData("config show", "--config --set --mesos_master --metric", "--teardown --scenario --agents")]
    [InlineData("simulate", "--scenario --steps --inflow --config --set", "--mesos_master --metric --teardown --agents")]
    [InlineData("bench controller", "--seeds --shapes --config --set", "--mesos_master --metric --scenario")]
    [InlineData("local-cluster", "--agents --port --config --set", "--mesos_master --metric --scenario --teardown")]
    [InlineData("", "run simulate config loops", "--mesos_master --config --set")]
    [InlineData("loops", "list show apply pause resume remove --url --token --token-file --json", "--config --set --mesos_master")]
    [InlineData("loops apply", "<file> relay.loops --url --token --token-file RELAY_MESOS_TOKEN", "--config --set --mesos_master --teardown")]
    public async Task Help_lists_only_the_options_the_command_takes(string command, string listed, string absent)
    {
        var result = await RelayMesosProcess.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in listed.Split(' '))
        {
            Assert.Contains(option, result.Output);
        }

        foreach (var option in absent.Split(' '))
        {
            Assert.DoesNotContain(option, result.Output);
        }
    }
}
