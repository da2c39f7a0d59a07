using System.Net;
using System.Text.Json;
using RelayMesos.EndToEnd.Tests.Failover;
using RelayMesos.EndToEnd.Tests.Framework;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>
/// Issue 27, item 4: loops added and removed at runtime with <c>relay-mesos loops</c> against real <c>relay-mesos
/// run</c> processes, and what stands after a restart on the same database or a failover to another member.
/// </summary>
[Scheduling.ExpectedDuration(150)]
public sealed class RuntimeLoopTests : IDisposable
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

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_applied_loop_launches_its_own_tasks_a_removed_one_has_its_tasks_killed_and_both_stand_after_a_restart()
    {
        var run = await RelayMesosRun.StartAsync(Token, FileLoops);
        try
        {
            var before = await RunningByLoopAsync(run, l => l.GetValueOrDefault("alpha")?.Count == 1 && l.GetValueOrDefault("beta")?.Count == 1, "alpha's and beta's warmers");

            // A definition with an error changes nothing, and says where the error is.
            var bad = await LoopsAsync(run, "apply", File("bad.hocon", "relay.loops.gamma {\n  controller.dealy = 1s\n}\n"));
            Assert.Equal(2, bad.ExitCode);
            Assert.Equal(
                $"relay-mesos: loops apply: {Path.Combine(_dir, "bad.hocon")}:2:22: unknown key relay.loops.gamma.controller.dealy; did you mean relay.loops.gamma.controller.delay?",
                Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            Assert.Equal(["alpha", "beta"], await LoopNamesAsync(run));

            var applied = await LoopsAsync(run, "apply", File("new.hocon", """
                relay.loops {
                  gamma { controller.mode = long-running, metric.type = tasks, target = 2 }
                  delta { controller.mode = long-running, metric.type = tasks, target = 1 }
                }
                """));
            Assert.Equal(0, applied.ExitCode);
            Assert.Equal("loop delta created; loop gamma created", applied.Output.Trim());
            var withGamma = await RunningByLoopAsync(run, l => l.GetValueOrDefault("gamma")?.Count == 2 && l.GetValueOrDefault("delta")?.Count == 1, "gamma's two warmers and delta's one");
            Assert.Equal(before["alpha"], withGamma["alpha"]);
            Assert.Equal(before["beta"], withGamma["beta"]);
            var listed = await LoopsAsync(run, "list");
            Assert.Matches(@"(?m)^gamma +running +applied \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ from .*new\.hocon +2 ", listed.Output);

            var removed = await LoopsAsync(run, "remove", "gamma");
            Assert.Equal(0, removed.ExitCode);
            Assert.StartsWith("loop gamma removed: its long-running tasks are killed", removed.Output.Trim(), StringComparison.Ordinal);
            var withoutGamma = await RunningByLoopAsync(run, l => !l.ContainsKey("gamma"), "gamma's warmers killed");
            Assert.Equal(before["alpha"], withoutGamma["alpha"]);
            Assert.Equal(before["beta"], withoutGamma["beta"]);
            Assert.Equal(withGamma["delta"], withoutGamma["delta"]);
            Assert.Contains("Loop gamma was removed: killing its 2 long-running task(s).", run.Output, StringComparison.Ordinal);
            Assert.Equal(0, (await LoopsAsync(run, "remove", "beta")).ExitCode);

            using (var gone = await run.Http.GetAsync("api/loops/gamma"))
            {
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
                Assert.Contains("was removed at", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var history = (await run.GetJsonAsync("api/loops/gamma/history")).GetProperty("entries");
            Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "step");
            var firstOutput = run.Output;

            run = await run.RestartAsync();

            // Until the framework has started, the list is the configuration file's; then it is the combination.
            await RelayMesosRun.EventuallyAsync(async () => await LoopNamesAsync(run) is ["alpha", "delta"] names ? names : null, "alpha and delta only, after the restart");
            Assert.Matches(@"Runtime loop changes stand: delta applied at [^;]+ \(.*new\.hocon\); beta removed at [^;]+; gamma removed at ", run.Output);
            await RunningByLoopAsync(run, l => l.GetValueOrDefault("delta")?.Count == 1 && l.GetValueOrDefault("alpha")?.Count == 1 && l.Count == 2, "alpha's and delta's warmers after the restart");
            Assert.Equal("applied", (await run.GetJsonAsync("api/loops/delta")).GetProperty("origin").GetString());
            Assert.DoesNotContain(Token, firstOutput + run.Output, StringComparison.Ordinal);
        }
        finally
        {
            await run.DisposeAsync();
        }
    }

    [Fact]
    public async Task Changes_made_through_a_standby_reach_the_leader_and_stand_after_it_fails_over()
    {
        await using var cluster = await StandaloneCluster.StartAsync();
        var seedPort = FailoverRig.FreePort();
        string[] settings = [.. FileLoops, .. RelayMesosRun.TwoMembers(cluster.Master, Path.Combine(_dir, "relay.db"), seedPort)];
        await using var first = await RelayMesosRun.StartAsync(Token, [.. settings, $"akka.remote.dot-netty.tcp.port={seedPort}"]);
        await RelayMesosRun.EventuallyAsync(async () => (await first.GetJsonAsync("api/status")).GetProperty("role").GetString() == "leader" ? "leader" : null, "the first member to lead");
        await using var second = await RelayMesosRun.StartAsync(Token, settings);
        await RelayMesosRun.EventuallyAsync(async () => (await second.Http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK ? "ready" : null, "the standby to join");

        Succeeded(await LoopsAsync(second, "apply", File("gamma.hocon", "relay.loops.gamma { controller.mode = long-running, metric.type = tasks, target = 2 }")));
        Succeeded(await LoopsAsync(second, "remove", "beta"));
        var gamma = await RunningByLoopAsync(first, l => l.GetValueOrDefault("gamma")?.Count == 2 && !l.ContainsKey("beta"), "gamma's warmers launched and beta's killed by the leader");
        await RelayMesosRun.EventuallyAsync(async () => await LoopNamesAsync(second) is ["alpha", "gamma"] names ? names : null, "the standby listing the leader's loops");
        var stepped = await StepAsync(second, "gamma");

        first.Process.Signal("KILL");

        await RelayMesosRun.EventuallyAsync(async () => (await second.GetJsonAsync("api/status")).GetProperty("role").GetString() == "leader" ? "leader" : null, "the standby to take over");
        await RelayMesosRun.EventuallyAsync(async () => await StepAsync(second, "gamma") > stepped + 2 ? "stepping" : null, "gamma stepping on under the new leader");
        Assert.Equal(["alpha", "gamma"], await LoopNamesAsync(second));
        Assert.Equal(gamma["gamma"], (await RunningByLoopAsync(second, l => l.ContainsKey("gamma"), "gamma's warmers"))["gamma"]);
        using var beta = await second.Http.GetAsync("api/loops/beta");
        Assert.Equal(HttpStatusCode.NotFound, beta.StatusCode);
    }

    private static void Succeeded(ProcessResult result) => Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.Error}");

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary><c>relay-mesos loops ...</c> against a member, the token in the environment as an operator would give it.</summary>
    private static async Task<ProcessResult> LoopsAsync(RelayMesosRun member, params string[] args)
    {
        var result = await RelayMesosProcess.RunAsync(["loops", .. args, "--url", member.Url.ToString()], new Dictionary<string, string> { ["RELAY_MESOS_TOKEN"] = Token });
        Assert.DoesNotContain(Token, result.Output, StringComparison.Ordinal);
        return result;
    }

    private static async Task<List<string>> LoopNamesAsync(RelayMesosRun member) =>
        (await member.GetJsonAsync("api/loops")).EnumerateArray().Select(l => l.GetProperty("name").GetString()!).ToList();

    private static async Task<long> StepAsync(RelayMesosRun member, string loop) =>
        (await member.GetJsonAsync($"api/loops/{loop}")).GetProperty("lastDecision") is { ValueKind: JsonValueKind.Object } d ? d.GetProperty("step").GetInt64() : 0;

    /// <summary>Waits until the running tasks a member shows, by loop (their ids, ordered), satisfy <paramref name="done"/>.</summary>
    private static async Task<Dictionary<string, List<string>>> RunningByLoopAsync(RelayMesosRun member, Func<Dictionary<string, List<string>>, bool> done, string what) =>
        await RelayMesosRun.EventuallyAsync(
            async () =>
            {
                var running = (await member.GetJsonAsync("api/tasks")).EnumerateArray()
                    .Where(t => t.GetProperty("state").GetString() == "TASK_RUNNING" && t.GetProperty("killing").ValueKind == JsonValueKind.False)
                    .GroupBy(t => t.GetProperty("loop").GetString()!)
                    .ToDictionary(g => g.Key, g => g.Select(t => t.GetProperty("taskId").GetString()!).Order(StringComparer.Ordinal).ToList());
                return done(running) ? running : null;
            },
            what);
}
