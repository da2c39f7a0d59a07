using System.Net;
using System.Text.Json;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>
/// Issue 27, item 4: loops added and removed at runtime with <c>relay-mesos loops</c> against a real <c>relay-mesos
/// run</c>, and what stands after the run restarts on its database.
/// </summary>
[Scheduling.ExpectedDuration(90)]
public sealed class RuntimeLoopTests : IAsyncLifetime
{
    private const string Token = "runtime-loops-9c2f71d4e0";

    // Two loops in the file, each holding one long-running "sleep 600" warmer (a tasks metric against a target of 1).
    private static readonly string[] FileLoops =
    [
        "relay.warmer=\"sleep 600\"",
        .. new[] { "alpha", "beta" }.SelectMany(loop => new[]
        {
            $"relay.loops.{loop}.controller.mode=long-running", $"relay.loops.{loop}.metric.type=tasks", $"relay.loops.{loop}.target=1",
        }),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("relay-runtime-loops-").FullName;
    private RelayMesosRun _run = null!;

    public async Task InitializeAsync() => _run = await RelayMesosRun.StartAsync(Token, FileLoops);

    public async Task DisposeAsync()
    {
        await _run.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task An_applied_loop_launches_its_own_tasks_a_removed_one_has_its_tasks_killed_and_both_stand_after_a_restart()
    {
        var before = await RunningByLoopAsync(l => l.TryGetValue("alpha", out var a) && a.Count == 1 && l.TryGetValue("beta", out var b) && b.Count == 1, "alpha's and beta's warmers");

        // A definition with an error changes nothing, and says where the error is.
        var bad = await LoopsAsync("apply", File("bad.hocon", "relay.loops.gamma {\n  controller.dealy = 1s\n}\n"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(
            $"relay-mesos: loops apply: {Path.Combine(_dir, "bad.hocon")}:2:22: unknown key relay.loops.gamma.controller.dealy; did you mean relay.loops.gamma.controller.delay?",
            Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(["alpha", "beta"], await LoopNamesAsync(_run));

        var applied = await LoopsAsync("apply", File("new.hocon", """
            relay.loops {
              gamma { controller.mode = long-running, metric.type = tasks, target = 2 }
              delta { controller.mode = long-running, metric.type = tasks, target = 1 }
            }
            """));
        Assert.Equal(0, applied.ExitCode);
        Assert.Equal("loop delta created; loop gamma created", applied.Output.Trim());
        var withGamma = await RunningByLoopAsync(l => l.GetValueOrDefault("gamma")?.Count == 2 && l.GetValueOrDefault("delta")?.Count == 1, "gamma's two warmers and delta's one");
        Assert.Equal(before["alpha"], withGamma["alpha"]);
        Assert.Equal(before["beta"], withGamma["beta"]);
        var listed = await LoopsAsync("list");
        Assert.Matches(@"(?m)^gamma +running +applied \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ from .*new\.hocon +2 ", listed.Output);

        var removed = await LoopsAsync("remove", "gamma");
        Assert.Equal(0, removed.ExitCode);
        Assert.StartsWith("loop gamma removed: its long-running tasks are killed", removed.Output.Trim(), StringComparison.Ordinal);
        var withoutGamma = await RunningByLoopAsync(l => !l.ContainsKey("gamma"), "gamma's warmers killed");
        Assert.Equal(before["alpha"], withoutGamma["alpha"]);
        Assert.Equal(before["beta"], withoutGamma["beta"]);
        Assert.Equal(withGamma["delta"], withoutGamma["delta"]);
        Assert.Contains("Loop gamma was removed: killing its 2 long-running task(s).", _run.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await LoopsAsync("remove", "beta")).ExitCode);

        using (var gone = await _run.Http.GetAsync("api/loops/gamma"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Contains("was removed at", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var history = (await _run.GetJsonAsync("api/loops/gamma/history")).GetProperty("entries");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "step");
        var firstOutput = _run.Output;

        _run = await _run.RestartAsync();

        // Until the framework has started, the list is the configuration file's; then it is the combination.
        await RelayMesosRun.EventuallyAsync(async () => await LoopNamesAsync(_run) is ["alpha", "delta"] names ? names : null, "alpha and delta only, after the restart");
        Assert.Matches(@"Runtime loop changes stand: delta applied at [^;]+ \(.*new\.hocon\); beta removed at [^;]+; gamma removed at ", _run.Output);
        await RunningByLoopAsync(l => l.GetValueOrDefault("delta")?.Count == 1 && l.GetValueOrDefault("alpha")?.Count == 1 && l.Count == 2, "alpha's and delta's warmers after the restart");
        var delta = await _run.GetJsonAsync("api/loops/delta");
        Assert.Equal("applied", delta.GetProperty("origin").GetString());
        Assert.DoesNotContain(Token, firstOutput + _run.Output, StringComparison.Ordinal);
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary><c>relay-mesos loops ...</c> against the run, the token in the environment as an operator would give it.</summary>
    private async Task<ProcessResult> LoopsAsync(params string[] args)
    {
        var result = await RelayMesosProcess.RunAsync(["loops", .. args, "--url", _run.Url.ToString()], new Dictionary<string, string> { ["RELAY_MESOS_TOKEN"] = Token });
        Assert.DoesNotContain(Token, result.Output, StringComparison.Ordinal);
        return result;
    }

    private static async Task<List<string>> LoopNamesAsync(RelayMesosRun run) =>
        (await run.GetJsonAsync("api/loops")).EnumerateArray().Select(l => l.GetProperty("name").GetString()!).ToList();

    /// <summary>Waits until the running tasks, by loop (their ids, ordered), satisfy <paramref name="done"/>.</summary>
    private async Task<Dictionary<string, List<string>>> RunningByLoopAsync(Func<Dictionary<string, List<string>>, bool> done, string what) =>
        await RelayMesosRun.EventuallyAsync(
            async () =>
            {
                var running = (await _run.GetJsonAsync("api/tasks")).EnumerateArray()
                    .Where(t => t.GetProperty("state").GetString() == "TASK_RUNNING" && t.GetProperty("killing").ValueKind == JsonValueKind.False)
                    .GroupBy(t => t.GetProperty("loop").GetString()!)
                    .ToDictionary(g => g.Key, g => g.Select(t => t.GetProperty("taskId").GetString()!).Order(StringComparer.Ordinal).ToList());
                return done(running) ? running : null;
            },
            what);
}
