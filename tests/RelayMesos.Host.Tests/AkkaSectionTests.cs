using RelayMesos.TestKit.Processes;

namespace RelayMesos.Host.Tests;

/// <summary>
/// Issue 14: <c>config show</c> lists the <c>akka</c> section beside <c>relay</c>, and a value under <c>akka</c> that
/// Akka would reject (late, inside the actor system, or never: an unknown journal plugin leaves the controller
/// waiting for a journal) is one line and exit 2 before anything starts, from <c>run</c> and <c>config show</c> alike.
/// </summary>
public sealed class AkkaSectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relay-akka-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string SingleErrorLine(ProcessResult result)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        return Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Config_show_lists_the_akka_section_beside_relay_with_origins()
    {
        var result = await RelayMesosProcess.RunAsync(["config", "show", "--set", "akka.loglevel=WARNING"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Matches(@"^akka\.log-dead-letters = off +# akka\.hocon:\d+:\d+\s*$", lines.Single(l => l.StartsWith("akka.log-dead-letters = ", StringComparison.Ordinal)));
        Assert.Matches(@"^akka\.loglevel = WARNING +# --set akka\.loglevel\s*$", lines.Single(l => l.StartsWith("akka.loglevel = ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("relay.controller.delay = ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("akka.loglevel=LOUD", "'akka.loglevel' is 'LOUD'; expected one of DEBUG, INFO, WARNING, ERROR, OFF")]
    [InlineData("akka.actor.creation-timeout=soon", "'akka.actor.creation-timeout' is 'soon'; expected a duration such as 500ms, 5s, 2m or 1h")]
    [InlineData("akka.log-config-on-start=maybe", "'akka.log-config-on-start' is 'maybe'; expected on or off (true/false, yes/no)")]
    [InlineData("akka.actor.default-dispatcher.throughput=lots", "'akka.actor.default-dispatcher.throughput' is 'lots'; expected a whole number")]
    [InlineData("akka.persistence.journal.plugin=akka.persistence.journal.nope", "'akka.persistence.journal.plugin' is 'akka.persistence.journal.nope'; expected a configured journal plugin")]
    [InlineData("akka.actor.serializers.relay-events=\"No.Such.Serializer, Nowhere\"", "'akka.actor.serializers.relay-events' is 'No.Such.Serializer, Nowhere'; expected a serializer type that loads")]
    public async Task A_value_akka_would_reject_is_one_line_with_exit_2_from_run_and_config_show(string assignment, string expected)
    {
        var shown = await RelayMesosProcess.RunAsync(["config", "show", "--set", assignment]);
        var run = await RelayMesosProcess.RunAsync(["run", "--set", assignment, "--set", "relay.persistence.provider=memory"]);

        var line = SingleErrorLine(shown);
        Assert.StartsWith("relay-mesos: configuration error: --set ", line);
        Assert.Contains(expected, line);
        Assert.Equal(line, SingleErrorLine(run));
        Assert.DoesNotContain("Embedded Mesos cluster", run.Output);
    }

    [Fact]
    public async Task A_bad_akka_value_in_a_file_names_the_file_and_line()
    {
        var file = Path.Combine(_dir, "app.hocon");
        await File.WriteAllTextAsync(file, "akka {\n  actor {\n    ask-timeout = \"a while\"\n  }\n}\n");

        var line = SingleErrorLine(await RelayMesosProcess.RunAsync(["config", "show", "--config", file]));

        Assert.StartsWith($"relay-mesos: configuration error: {file}:3:", line);
        Assert.Contains("'akka.actor.ask-timeout' is 'a while'; expected a duration", line);
    }

    [Fact]
    public async Task Good_akka_values_pass_including_the_reference_section_itself()
    {
        var result = await RelayMesosProcess.RunAsync(
            ["config", "show", "akka", "--set", "akka.loglevel=DEBUG", "--set", "akka.actor.ask-timeout=3s", "--set", "akka.log-dead-letters=3",
             "--set", "akka.persistence.journal.plugin=akka.persistence.journal.sql"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("akka.actor.ask-timeout = 3s", result.Output);
    }
}
