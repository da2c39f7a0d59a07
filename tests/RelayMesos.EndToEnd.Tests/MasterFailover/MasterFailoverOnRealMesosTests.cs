using System.Globalization;
using System.Text;
using RelayMesos.EndToEnd.Tests.Failover;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.MasterFailover;

/// <summary>
/// Issue 29, items 1 and 2, on a real Apache Mesos 1.12 with three masters and framework authentication
/// (<see cref="HighAvailabilityMesosFixture"/>): one <c>relay-mesos run</c> keeps long-running warmers up while the test
/// raises the target and SIGKILLs the leading master with launches in flight. The framework must follow the new leader,
/// SUBSCRIBE again with its framework id, reconcile the running warmers as running, launch nothing twice and lose none.
/// Each test starts the master it killed again, so the class shares one cluster. The timings (kill → elected →
/// subscribed → reconciled → next launch running) are printed and left in relay-master-failover-&lt;scenario&gt;.txt
/// in the temp folder.
/// </summary>
[Scheduling.ExpectedDuration(150)]
public sealed class MasterFailoverOnRealMesosTests(HighAvailabilityMesosFixture mesos, ITestOutputHelper output) : IClassFixture<HighAvailabilityMesosFixture>
{
    private const int FirstTarget = 3;
    private const int RaisedTarget = 5;
    private const int TargetAfterKill = 6;
    private static readonly TimeSpan Patience = HighAvailabilityMesosFixture.Patience;
    private static readonly HashSet<string> Live = ["TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING"];

    [Fact]
    public Task Killing_the_leading_master_hands_the_framework_to_the_next_through_zookeeper() =>
        FailOverAsync("zk", useMasterList: false, restartZooKeeper: false);

    [Fact]
    public Task Killing_the_leading_master_hands_the_framework_to_the_next_through_a_master_list() =>
        FailOverAsync("list", useMasterList: true, restartZooKeeper: false);

    [Fact]
    public Task Killing_the_leading_master_while_zookeeper_restarts_hands_the_framework_to_the_next() =>
        FailOverAsync("zk-restart", useMasterList: false, restartZooKeeper: true);

    [Fact]
    public async Task A_wrong_secret_ends_run_with_exit_code_1_and_one_line_saying_authentication_failed()
    {
        const string wrongSecret = "not-the-secret-7f3a";
        var logFolder = Directory.CreateTempSubdirectory("relay-ha-auth-").FullName;
        var secretFile = Path.Combine(logFolder, "wrong-secret");
        await File.WriteAllTextAsync(secretFile, wrongSecret + "\n");
        var relay = RelayProcess.Start("relay", RunArguments(mesos.Cluster.ZooKeeperUrl, "relay-ha-auth", Path.Combine(logFolder, "target"), secretFile), new Dictionary<string, string>(), logFolder);
        var passed = false;
        try
        {
            await relay.WaitForExitAsync(Patience);
            var text = await File.ReadAllLinesAsync(relay.LogPath);
            Assert.True(relay.ExitCode == 1, $"exit code {relay.ExitCode}; see {relay.LogPath}");
            Assert.Single(text, l => l.Contains("authentication failed", StringComparison.OrdinalIgnoreCase));
            var line = Assert.Single(relay.Lines, l => l.Message.Contains("authentication failed", StringComparison.Ordinal));
            Assert.StartsWith("Stopping with exit code 1: ", line.Message, StringComparison.Ordinal);
            Assert.Contains("principal 'relay'", line.Message, StringComparison.Ordinal);
            Assert.Contains("401", line.Message, StringComparison.Ordinal);
            // One attempt: no resubscription, no second term.
            Assert.DoesNotContain(text, l => l.Contains("Resubscribing", StringComparison.Ordinal) || l.Contains("Subscribed to Mesos", StringComparison.Ordinal));
            Assert.Single(text, l => l.Contains("starting the framework", StringComparison.Ordinal));
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{HighAvailabilityMesosFixture.Principal}:{wrongSecret}"));
            Assert.DoesNotContain(text, l => l.Contains(wrongSecret, StringComparison.Ordinal) || l.Contains(token, StringComparison.Ordinal));
            passed = true;
        }
        finally
        {
            await relay.DisposeAsync();
            DeleteIf(passed, logFolder);
        }
    }

    private async Task FailOverAsync(string scenario, bool useMasterList, bool restartZooKeeper)
    {
        var cluster = mesos.Cluster;
        var logFolder = Directory.CreateTempSubdirectory($"relay-ha-{scenario}-").FullName;
        var name = $"relay-ha-{scenario}";
        var targetFile = Path.Combine(logFolder, "target");
        await File.WriteAllTextAsync(targetFile, $"{FirstTarget}\n");
        var master = useMasterList
            ? string.Join(",", cluster.Masters.Select(m => m.ToString().TrimEnd('/')))
            : cluster.ZooKeeperUrl;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var relay = RelayProcess.Start("relay", RunArguments(master, name, targetFile, mesos.SecretFile), new Dictionary<string, string>(), logFolder);
        int? killed = null;
        var passed = false;
        try
        {
            var subscribed = await relay.WaitForAsync(l => l.IsSubscribed, Patience);
            var frameworkId = subscribed.State["FrameworkId"];
            var leader = await cluster.LeadingMasterAsync(Patience);
            var before = await WaitForTasksAsync(http, leader.Url, name, FirstTarget);
            Assert.Equal(HighAvailabilityMesosFixture.Principal, before.Principal);

            // Launches in flight: the controller has decided to launch when the leading master dies.
            var raised = DateTimeOffset.UtcNow;
            await File.WriteAllTextAsync(targetFile, $"{RaisedTarget}\n");
            await relay.WaitForAsync(l => l.IsStep && l.Long("Launches") > 0, Patience, raised);
            // The lines the kill draws are counted from here: the stream may break before KillMaster has returned.
            var faultFrom = DateTimeOffset.UtcNow;
            var zooKeeperKilled = restartZooKeeper ? cluster.KillZooKeeper() : (DateTimeOffset?)null;
            killed = leader.Index;
            var killedAt = cluster.KillMaster(leader.Index);
            // And one decided while no master is known: the first launch the new leader acts on.
            await File.WriteAllTextAsync(targetFile, $"{TargetAfterKill}\n");
            if (restartZooKeeper)
            {
                await cluster.RestartZooKeeperAsync(Patience);
            }

            var zooKeeperBack = restartZooKeeper ? DateTimeOffset.UtcNow : (DateTimeOffset?)null;
            var elected = await cluster.LeadingMasterAsync(Patience);
            Assert.NotEqual(leader.Index, elected.Index);
            var resubscribed = await relay.WaitForAsync(l => l.IsSubscribed, Patience, killedAt);
            Assert.Equal(frameworkId, resubscribed.State["FrameworkId"]);

            var answers = new List<LogLine>();
            foreach (var task in before.Running)
            {
                answers.Add(await relay.WaitForAsync(
                    l => l.IsReconciliationAnswer && l.State["Round"] == "explicit" && l.State["TaskId"] == task.Id, Patience, resubscribed.Timestamp));
            }

            // Running, or starting when its TASK_RUNNING update had not been acknowledged before the kill: the master
            // reconciles with the state of the oldest unacknowledged update, and the agent sends the rest again.
            Assert.All(answers, a => Assert.True(a.State["State"] is "TaskRunning" or "TaskStarting", a.Message));
            var after = await WaitForTasksAsync(http, elected.Url, name, TargetAfterKill);

            // Nothing launched twice and nothing lost: the master knows exactly the wanted warmers alive, every one
            // running, the first ones among them unchanged (no kill, no TASK_LOST, no relaunch of a running one). A launch
            // in flight at the kill may fail on its agent as the master changes ("Executor terminated", seen once under
            // load); it must be one of those, and replaced.
            Assert.Equal(frameworkId, after.FrameworkId);
            var live = after.Tasks.Values.Where(t => t.State is not ("TASK_FAILED" or "TASK_LOST" or "TASK_GONE" or "TASK_DROPPED" or "TASK_ERROR")).ToList();
            Assert.All(after.Tasks.Values.Except(live), t => Assert.DoesNotContain(before.Running, r => r.Id == t.Id));
            Assert.True(live.Count == TargetAfterKill, $"the master knows {live.Count} live tasks: {string.Join(", ", after.Tasks.Values)}");
            Assert.All(live, t => Assert.Equal("TASK_RUNNING", t.State));
            Assert.All(before.Running, t => Assert.Equal(t.RunningAt, after.Tasks[t.Id].RunningAt));
            var nextLaunch = live.Where(t => t.RunningAt > resubscribed.Timestamp).Min(t => t.RunningAt);
            Assert.NotNull(nextLaunch);
            AssertOneLineForTheLostMaster(relay, faultFrom, restartZooKeeper);

            Report(scenario, killedAt, zooKeeperKilled, zooKeeperBack, elected.ElectedAt, resubscribed.Timestamp, answers.Max(a => a.Timestamp), nextLaunch.Value);
            passed = true;
        }
        catch (Exception ex)
        {
            cluster.KeepWorkDirectory();
            throw new Targets.TargetTestFailedException($"Master failover ({scenario}): {ex.Message}\nProcess logs: {logFolder}\n{cluster.Tail()}", ex);
        }
        finally
        {
            await relay.TerminateAsync(TimeSpan.FromSeconds(30));
            await relay.DisposeAsync();
            if (killed is { } index)
            {
                await mesos.RestartMasterAsync(index);
            }

            DeleteIf(passed, logFolder);
        }
    }

    /// <summary>
    /// The master failover is one warning (the lost master, named) and one line when subscribed again, never an error
    /// (issue 29 item 4). Named exceptions, each a fault of its own: with ZooKeeper killed too, ZooKeeper's loss is one
    /// warning more; a launch in flight at the kill that failed on its agent ("Executor terminated", seen under load) is
    /// a task failure and says so.
    /// </summary>
    private void AssertOneLineForTheLostMaster(RelayProcess relay, DateTimeOffset faultFrom, bool restartZooKeeper)
    {
        var since = relay.Lines.Where(l => l.Timestamp >= faultFrom).ToList();
        var drawn = since.Where(l => l.Level is "Warning" or "Error" or "Critical").ToList();
        foreach (var line in drawn)
        {
            output.WriteLine($"  {line.Timestamp:HH:mm:ss.fff} {line.Level} {line.Category}: {line.Message}");
        }

        var zooKeeper = drawn.Where(l => restartZooKeeper && l.Category.Contains(".ZooKeeper", StringComparison.Ordinal)).ToList();
        var taskFailures = drawn.Where(l => l.Category.EndsWith(".StatusReconciler", StringComparison.Ordinal) && l.Message.Contains("→ TaskFailed", StringComparison.Ordinal)).ToList();
        var master = drawn.Except(zooKeeper).Except(taskFailures).ToList();
        Assert.DoesNotContain(drawn, l => l.Level is "Error" or "Critical");
        var lost = Assert.Single(master);
        Assert.StartsWith("Lost Mesos master", lost.Message, StringComparison.Ordinal);
        Assert.True(zooKeeper.Count <= 1, $"ZooKeeper's loss drew {zooKeeper.Count} warnings");
        Assert.Single(since, l => l.IsSubscribed);
    }

    private void Report(
        string scenario, DateTimeOffset killedAt, DateTimeOffset? zooKeeperKilled, DateTimeOffset? zooKeeperBack, DateTimeOffset elected,
        DateTimeOffset subscribed, DateTimeOffset reconciled, DateTimeOffset nextLaunch)
    {
        string Since(DateTimeOffset at) => ((at - killedAt).TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture) + " ms";
        var line = $"{scenario}: SIGKILL of the leading master -> new leader elected {Since(elected)} -> re-subscribed (same framework id) {Since(subscribed)} "
            + $"-> reconciled {Since(reconciled)} -> next launch running {Since(nextLaunch)}"
            + (zooKeeperKilled is null ? "" : $"; ZooKeeper killed {Since(zooKeeperKilled.Value)}, answering again {Since(zooKeeperBack!.Value)}");
        output.WriteLine(line);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"relay-master-failover-{scenario}.txt"), line + Environment.NewLine);
    }

    /// <summary>Waits until exactly <paramref name="running"/> warmers run and no other task is alive (staging, starting, killing).</summary>
    private static async Task<MasterTaskView> WaitForTasksAsync(HttpClient http, Uri leader, string name, int running)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var view = await MasterTaskView.ReadAsync(http, leader, name);
            if (view.Running.Count == running && view.Tasks.Values.Count(t => Live.Contains(t.State)) == running)
            {
                return view;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{view.Running.Count} task(s) running instead of {running}: {string.Join(", ", view.Tasks.Values)}");
            await Task.Delay(200);
        }
    }

    private static List<string> RunArguments(string master, string name, string targetFile, string secretFile)
    {
        var settings = new Dictionary<string, string>
        {
            ["relay.mesos.master"] = master,
            ["relay.mesos.framework.name"] = name,
            ["relay.mesos.framework.principal"] = HighAvailabilityMesosFixture.Principal,
            ["relay.mesos.framework.secret-file"] = secretFile,
            // The test's end tears the framework down, so its warmers do not outlive it on the shared cluster.
            ["relay.mesos.framework.teardown-on-exit"] = "true",
            ["relay.mesos.task.cpus"] = "0.1",
            ["relay.mesos.task.mem"] = "16",
            ["relay.controller.delay"] = "250ms",
            ["relay.controller.mode"] = "long-running",
            ["relay.warmer"] = "sleep 3600",
            ["relay.metric.type"] = "tasks",
            ["relay.target"] = $"\"cat {targetFile}\"",
            ["relay.web.enabled"] = "false",
            ["relay.logging.format"] = "json",
        };
        var arguments = new List<string> { "run" };
        foreach (var (key, value) in settings)
        {
            arguments.AddRange(["--set", $"{key}={value}"]);
        }

        return arguments;
    }

    private static void DeleteIf(bool passed, string folder)
    {
        if (passed && Environment.GetEnvironmentVariable("RELAY_FAILOVER_KEEP_LOGS") != "1")
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
