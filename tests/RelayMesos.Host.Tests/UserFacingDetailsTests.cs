using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.Host.Tests;

/// <summary>Item 6 of issue 13: what README and akka.hocon promise is what a user gets.</summary>
public sealed partial class UserFacingDetailsTests
{
    [Fact]
    public async Task A_taken_web_port_is_one_line_naming_the_setting_before_anything_starts()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var result = await RelayMesosProcess.RunAsync(
            ["run", "--set", $"relay.web.port={port}", "--set", "relay.persistence.provider=memory"],
            timeout: TimeSpan.FromSeconds(90));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"relay-mesos: the web UI cannot listen on 127.0.0.1:{port}", line);
        Assert.Contains("relay.web.port", line);
        Assert.Contains("relay.web.bind", line);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.DoesNotContain("Embedded Mesos cluster", result.Output);
    }

    [Fact]
    public async Task The_demo_warmer_lives_as_long_as_akka_hocon_and_readme_say()
    {
        var reference = RepositoryFiles.Read("akka.hocon");
        var warmer = WarmerLine().Match(reference).Groups["command"].Value;
        var said = ReferenceSays().Match(reference);
        var readme = ReadmeSays().Match(RepositoryFiles.Read("README.md"));
        Assert.True(said.Success && readme.Success, "akka.hocon and README should each say how long a demo worker lives");

        // The warmer is `sleep <expression>`: evaluate the expression many times, as the agent's bash would.
        var expression = warmer["sleep ".Length..];
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"for i in $(seq 3000); do echo {expression}; done");
        using var bash = Process.Start(start)!;
        var lives = (await bash.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        await bash.WaitForExitAsync();

        Assert.Equal((lives.Min(), lives.Max()), (int.Parse(said.Groups["min"].Value), int.Parse(said.Groups["max"].Value)));
        Assert.Equal((lives.Min(), lives.Max()), (int.Parse(readme.Groups["min"].Value), int.Parse(readme.Groups["max"].Value)));
        Assert.Contains($"`{warmer}`", RepositoryFiles.Read("README.md"));
    }

    [Fact]
    public async Task The_state_file_a_demo_run_leaves_behind_is_ignored_by_git()
    {
        foreach (var file in new[] { "relay-mesos.db", "relay-mesos.db-wal", "relay-mesos.db-shm" })
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true };
            foreach (var arg in new[] { "check-ignore", "--no-index", "-q", file })
            {
                start.ArgumentList.Add(arg);
            }

            using var git = Process.Start(start)!;
            await git.WaitForExitAsync();
            Assert.True(git.ExitCode == 0, $"{file} is not in .gitignore");
        }
    }

    [Fact]
    public async Task Readme_publish_command_makes_one_self_contained_untrimmed_file()
    {
        var readme = RepositoryFiles.Read("README.md");
        var command = PublishCommand().Match(readme);
        Assert.True(command.Success, "README should show a dotnet publish command for a runtime");
        Assert.Contains("one self-contained executable file", readme);

        // What the SDK will do for README's command, read from the project as MSBuild evaluates it for that runtime.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "msbuild", command.Groups["project"].Value, $"-p:RuntimeIdentifier={command.Groups["rid"].Value}", "-p:Configuration=Release",
            "-getProperty:PublishSingleFile", "-getProperty:SelfContained", "-getProperty:PublishTrimmed", "-getProperty:IncludeNativeLibrariesForSelfExtract",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var msbuild = Process.Start(start)!;
        var json = await msbuild.StandardOutput.ReadToEndAsync();
        await msbuild.WaitForExitAsync();
        var properties = JsonDocument.Parse(json).RootElement.GetProperty("Properties");

        Assert.Equal("true", properties.GetProperty("PublishSingleFile").GetString());
        Assert.Equal("true", properties.GetProperty("SelfContained").GetString());
        Assert.Equal("true", properties.GetProperty("IncludeNativeLibrariesForSelfExtract").GetString());
        Assert.NotEqual("true", properties.GetProperty("PublishTrimmed").GetString());
    }

    [GeneratedRegex(@"^\s*warmer = ""(?<command>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex WarmerLine();

    [GeneratedRegex(@"demo's warmer is a worker that lives (?<min>\d+) to (?<max>\d+) s")]
    private static partial Regex ReferenceSays();

    [GeneratedRegex(@"workers that live (?<min>\d+) to (?<max>\d+) s")]
    private static partial Regex ReadmeSays();

    [GeneratedRegex(@"^dotnet publish (?<project>\S+) -c Release -r (?<rid>\S+) -o \S+$", RegexOptions.Multiline)]
    private static partial Regex PublishCommand();
}
