using System.Text.Json;
using RelayMesos.TestKit.Processes;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Framework;

/// <summary>What a newcomer reads: the demo's log, as `relay-mesos run` writes it with no configuration at all.</summary>
[Scheduling.ExpectedDuration(45)]
public sealed class LogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_logs_no_warning_and_no_second_prefix_in_its_first_30_seconds()
    {
        var directory = Directory.CreateTempSubdirectory("relay-demo-").FullName;
        try
        {
            // The demo as README runs it (SQLite in the working directory, the web UI), on a free port.
            await using var demo = RelayMesosProcess.Start(["run", "--set", "relay.web.port=0"], workingDirectory: directory);

            // The demo steps every second: its 30th step is 30 s of its life.
            await demo.WaitForLineAsync(@"step 30: ", TimeSpan.FromSeconds(90));
            var lines = demo.Lines;
            output.WriteLine(string.Join('\n', lines.Take(40)));

            Assert.DoesNotContain(lines, l => l.Contains(" warn: ", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal)
                                              || l.Contains(" crit: ", StringComparison.Ordinal));
            // Akka's own formatting inside ours: "[INFO][12/07/2026 ...][Thread 0012][akka://...]".
            Assert.DoesNotContain(lines, l => l.Contains("[INFO]", StringComparison.Ordinal) || l.Contains("[WARNING]", StringComparison.Ordinal)
                                              || l.Contains("][Thread ", StringComparison.Ordinal) || l.Contains("Akka.Actor.ActorSystem", StringComparison.Ordinal));
            // Akka's lifecycle chatter is Debug; ours says what matters, once.
            Assert.Single(lines, l => l.Contains("Cluster members up: 1 ", StringComparison.Ordinal));
            Assert.Single(lines, l => l.Contains("Leading (lease epoch ", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("Remoting started", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_signal_while_starting_stops_in_order_with_exit_code_0_and_no_trace()
    {
        var directory = Directory.CreateTempSubdirectory("relay-demo-").FullName;
        try
        {
            await using var demo = RelayMesosProcess.Start(["run", "--set", "relay.web.port=0"], workingDirectory: directory);

            // The embedded cluster is up; the database, the actor system and the join are still to come.
            await demo.WaitForLineAsync("Embedded Mesos cluster listening", TimeSpan.FromSeconds(60));
            demo.Signal("TERM");

            Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains(demo.Lines, l => l.Contains("Signal received", StringComparison.Ordinal));
            Assert.DoesNotContain(demo.Lines, l => l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal)
                                                   || l.Contains("canceled", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Json_logs_carry_akka_lines_under_their_own_category_with_akka_level_kept()
    {
        await using var run = RunScenario.Start(
            """
            relay.metric = 0
            relay.target = 0
            relay.warmer = "true"
            """,
            "--set", "relay.logging.format=json", "--set", "relay.logging.level=Debug");
        await run.WaitForStepsAsync(3, TimeSpan.FromSeconds(60));

        var entries = run.Process.Lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(entries);
        var akka = entries.Where(e => e.GetProperty("Category").GetString()!.StartsWith("Akka.", StringComparison.Ordinal)).ToList();
        Assert.Contains(akka, e => e.GetProperty("Category").GetString() == "Akka.Cluster.Cluster");
        Assert.Contains(akka, e => e.GetProperty("Category").GetString() == "Akka.Cluster.Tools.Singleton.ClusterSingletonManager");
        Assert.All(akka, e =>
        {
            var message = e.GetProperty("Message").GetString()!;
            Assert.DoesNotContain("][Thread ", message, StringComparison.Ordinal);
            Assert.True(e.GetProperty("State").TryGetProperty("AkkaSource", out _), $"no AkkaSource field: {e}");
        });
        // Akka's INFO chatter arrives as Debug, and nothing of Akka's is written under the actor system's category.
        Assert.Contains(akka, e => e.GetProperty("LogLevel").GetString() == "Debug" && e.GetProperty("Message").GetString()!.Contains("Remoting started", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.GetProperty("Category").GetString() == "Akka.Actor.ActorSystem");
    }
}
