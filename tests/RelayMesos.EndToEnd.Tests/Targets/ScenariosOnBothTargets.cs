using System.Text.Json;
using RelayMesos.EndToEnd.Tests.Framework;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.Scheduler;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>
/// The user's scenarios, each run on our embedded cluster and on a real Apache Mesos 1.12 (issue 17):
/// the same `relay-mesos run`, the same assertions, read through the same /master/state.
/// </summary>
/// <remarks>
/// One concrete class per target (<see cref="ScenariosOnEmbeddedTests"/>, <see cref="ScenariosOnRealMesosTests"/>), so the
/// two halves run side by side; each test takes its target from the class.
/// </remarks>
public abstract class ScenariosOnBothTargets(MesosTargets targets, ITestOutputHelper output)
{
    /// <summary>The target this half runs on: <see cref="MesosTargets.Embedded"/> or <see cref="MesosTargets.Real"/>.</summary>
    protected abstract string Target { get; }

    [Fact]
    public async Task The_demo_tracks_a_sine_target()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        await target.CheckAsync(async () =>
        {
            // The demo, sped up: workers live 6-8 s (a real agent takes a second or more to start one), the
            // target swings 1..5 over 30 s.
            await using var run = RunScenario.Start(target, Framework("demo", name), """
                relay.target { type = wave, shape = sine, amplitude = 2, period = 30s, offset = 3 }
                relay.metric.type = tasks
                relay.warmer = "sleep $((6 + RANDOM % 3))"
                """);

            await run.WaitForStepAsync(170, TimeSpan.FromSeconds(120));

            // Skip the first 10 s (filling up), then judge a full period (32 s). A real agent takes 0.5-5 s from
            // launch to TASK_RUNNING on a busy machine (measured: mean error 1.18 there, 0.48 on the embedded cluster),
            // and a controller that does not follow at all scores about 2.
            var tracked = run.Steps().Where(s => s.N > 40).ToList();
            var meanError = tracked.Average(s => s.AbsError);
            output.WriteLine($"{name}: wave tracking mean |SP - PV| = {meanError:0.000} over {tracked.Count} steps, max {tracked.Max(s => s.AbsError):0.000}");
            // A real agent's start-up latency grows with the machine's load (2.1 seen at a load average of 60 on 2 cores);
            // the rise and fall below are what prove the metric follows the wave.
            var bound = name == MesosTargets.Real ? 2.5 : 1.5;
            Assert.True(meanError <= bound, $"mean |SP - PV| was {meanError:0.00} over {tracked.Count} steps\n{run.Process.Tail()}");
            Assert.True(tracked.Max(s => s.Pv) >= 4, "the metric never rose with the wave");
            Assert.True(tracked.Min(s => s.Pv) <= 2, "the metric never fell with the wave");
        });
    }

    [Fact]
    public async Task Queue_consumers_drain_the_queue_and_then_nothing_more_is_launched()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        await target.CheckAsync(async () =>
        {
            // Relay.Mesos' first example: metric = queue size, target = 0; consumers lower the metric, so they are coolers.
            // A consumer replaces q by a rename, so no reader (relay's metric, this test) ever sees it truncated and empty.
            var consumer = "flock $DIR/q.lock bash -c 'n=$(cat $DIR/q); echo $(( n > 5 ? n - 5 : 0 )) > $DIR/q.new && mv $DIR/q.new $DIR/q'; sleep 1";
            await using var run = RunScenario.Start(target, Framework("queue", name), $$"""
                relay.metric = "cat $DIR/q"
                relay.target = 0
                relay.warmer = ""
                relay.cooler = "{{consumer}}"
                """);
            await File.WriteAllTextAsync(Path.Combine(run.Directory, "q"), "60\n");

            await run.Process.WaitForLineAsync(@"step \d+: PV=0 ", TimeSpan.FromSeconds(90));
            var drainedAt = run.Steps().First(s => s.Pv == 0).N;
            await run.WaitForStepAsync((int)drainedAt + 12, TimeSpan.FromSeconds(30));

            var queue = (await File.ReadAllTextAsync(Path.Combine(run.Directory, "q"))).Trim();
            Assert.Equal("0", queue);
            var after = run.Steps().Where(s => s.N > drainedAt + 2).ToList();
            Assert.All(after, s => Assert.Equal(0, s.Launches));
        });
    }

    [Fact]
    public async Task Long_running_scales_down_by_killing_warmers_within_their_grace_period()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        var framework = Framework("scale-down", name);
        await target.CheckAsync(async () =>
        {
            // Each warmer, told to stop, logs it, takes 1 s to finish its work and exits 0: with a 10 s grace
            // period it ends on its own (TASK_KILLED after "done"); a SIGKILL before the grace ran out would lose "done".
            var warmer = "trap 'echo term >> $DIR/stops; sleep 1; echo done >> $DIR/stops; exit 0' TERM; while true; do sleep 0.2; done";
            await using var run = RunScenario.Start(target, framework, $$"""
                relay.controller.mode = long-running
                relay.metric.type = tasks
                relay.target { type = command, command = "cat $DIR/target", timeout = 2s }
                relay.warmer = "{{warmer}}"
                relay.mesos.task.kill-grace-period = 10s
                """);
            await File.WriteAllTextAsync(Path.Combine(run.Directory, "target"), "3\n");
            var three = await target.EventuallyAsync(() => target.TasksAsync(framework), t => t.Count == 3, TimeSpan.FromSeconds(60), "three running warmers");

            await File.WriteAllTextAsync(Path.Combine(run.Directory, "target.new"), "1\n");
            File.Move(Path.Combine(run.Directory, "target.new"), Path.Combine(run.Directory, "target"), overwrite: true);
            var one = await target.EventuallyAsync(() => target.TasksAsync(framework), t => t.Count == 1, TimeSpan.FromSeconds(60), "one running warmer");
            var scaledDown = three.Except(one).ToList();
            var finished = await target.EventuallyAsync(
                () => Finished(target, framework),
                f => scaledDown.All(id => f.Any(t => t.StartsWith(id + " ", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(30),
                "the scaled-down warmers finished");

            Assert.All(scaledDown, id => Assert.Contains(id + " TASK_KILLED", finished));
            // Every warmer told to stop (the two above, and any launch the controller took back) finished its work.
            await target.EventuallyAsync(
                // The file appears with the first warmer's trap, which a real agent may run after the KILLED update is seen.
                async () => File.Exists(Path.Combine(run.Directory, "stops")) ? await File.ReadAllLinesAsync(Path.Combine(run.Directory, "stops")) : [],
                // A warmer killed before its shell set the trap (a real executor may still be starting it) never logs "term".
                stops => stops.Count(l => l == "term") >= 1 && stops.Count(l => l == "term") == stops.Count(l => l == "done"),
                TimeSpan.FromSeconds(30),
                "every warmer told to stop to finish its work");
            await Task.Delay(TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(2)));
            Assert.Equal(one, await target.TasksAsync(framework));
        });
    }

    [Fact]
    public async Task Max_per_hostname_puts_two_warmers_on_each_of_two_agents_and_no_fifth()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        var framework = Framework("max-per", name);
        await target.CheckAsync(async () =>
        {
            await using var run = RunScenario.Start(target, framework, """
                relay.controller.mode = long-running
                relay.metric.type = tasks
                relay.target = 5
                relay.warmer = "sleep 600"
                relay.mesos.constraints = ["hostname:MAX_PER:2", "rack:GROUP_BY"]
                relay.mesos.task.kill-grace-period = 1s
                """);

            await target.EventuallyAsync(() => target.TasksAsync(framework), t => t.Count == 4, TimeSpan.FromSeconds(60), "four running warmers");
            await run.WaitForStepAsync(run.Steps().Count + 12, TimeSpan.FromSeconds(30));

            var state = await target.StateAsync();
            var hostOf = state.GetProperty("slaves").EnumerateArray().ToDictionary(
                a => a.GetProperty("id").GetString()!,
                a => (Host: a.GetProperty("hostname").GetString()!, Rack: a.GetProperty("attributes").GetProperty("rack").GetString()!));
            var live = (await target.TaskElementsAsync(framework))
                .Where(t => t.GetProperty("state").GetString() is "TASK_STAGING" or "TASK_STARTING" or "TASK_RUNNING")
                .Select(t => hostOf[t.GetProperty("slave_id").GetString()!])
                .ToList();
            Assert.Equal(4, live.Count);
            Assert.All(live.GroupBy(h => h.Host), g => Assert.Equal(2, g.Count()));
            Assert.Equal(["r0", "r1"], live.Select(h => h.Rack).Distinct().Order(StringComparer.Ordinal));
            Assert.Contains(run.Steps().TakeLast(5), s => s.Running == 4);
            // The target never fell: no warmer of ours was ever launched in surplus and killed again (issue 13).
            Assert.DoesNotContain("Killing ", run.Process.Output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Sigterm_keeps_the_framework_registered_a_restart_resumes_its_tasks_and_teardown_removes_it()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        var framework = Framework("resume", name);
        var db = Path.Combine(Path.GetTempPath(), $"relay-resume-{Guid.NewGuid():N}.db");
        var settings = $$"""
            relay.controller.mode = long-running
            relay.metric.type = tasks
            relay.target = 2
            relay.warmer = "sleep 600"
            relay.mesos.task.kill-grace-period = 1s
            relay.mesos.framework.failover-timeout = 1h
            relay.persistence { provider = sqlite, sqlite.path = "{{db}}" }
            """;
        await target.CheckAsync(async () =>
        {
            string frameworkId;
            IReadOnlyList<string> tasks;
            await using (var first = RunScenario.Start(target, framework, settings))
            {
                tasks = await target.EventuallyAsync(() => target.TasksAsync(framework), t => t.Count == 2, TimeSpan.FromSeconds(60), "two running warmers");
                frameworkId = (await first.Process.WaitForLineAsync("as framework (?<id>[^ .]+)", TimeSpan.FromSeconds(5))).Groups["id"].Value;

                first.Process.Signal("TERM");
                Assert.Equal(0, await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }

            var registered = await target.EventuallyAsync(
                () => target.FrameworkAsync(framework), f => f?.GetProperty("connected").GetBoolean() == false, TimeSpan.FromSeconds(20), "the framework registered but disconnected");
            Assert.Equal(frameworkId, registered!.Value.GetProperty("id").GetString());
            Assert.Equal(tasks, await target.TasksAsync(framework));

            await using (var second = RunScenario.Start(target, framework, settings, "--teardown"))
            {
                await second.Process.WaitForLineAsync($"as framework {frameworkId}", TimeSpan.FromSeconds(60));
                await second.Process.WaitForLineAsync(@"step \d+: ", TimeSpan.FromSeconds(60), occurrence: 16);
                Assert.Equal(tasks, await target.TasksAsync(framework));
                // Reconciliation after the restart knew every running task: none lost, none killed as foreign.
                Assert.DoesNotContain("journal does not know", second.Process.Output, StringComparison.Ordinal);
                Assert.DoesNotMatch(@"→ Task(Lost|Gone|Unknown|Dropped)", second.Process.Output);
                Assert.DoesNotContain("Launching", second.Process.Output, StringComparison.Ordinal);

                second.Process.Signal("TERM");
                Assert.Equal(0, await second.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }

            await target.EventuallyAsync(() => target.FrameworkAsync(framework, completed: true), f => f is not null, TimeSpan.FromSeconds(30), "the framework torn down");
            await target.EventuallyAsync(() => target.TasksAsync(framework), t => t.Count == 0, TimeSpan.FromSeconds(30), "its tasks gone");
            // Both masters list a removed framework's tasks as its completed tasks, killed.
            var finished = await Finished(target, framework);
            Assert.All(tasks, id => Assert.Contains(id + " TASK_KILLED", finished));
        });
        File.Delete(db);
    }

    [Fact]
    public async Task Max_failures_ends_the_run_with_its_exit_code_when_every_warmer_fails()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        var framework = Framework("max-failures", name);
        await target.CheckAsync(async () =>
        {
            // On a real agent every one of these reports TASK_STARTING and TASK_RUNNING before TASK_FAILED (issue 13).
            await using var run = RunScenario.Start(target, framework, """
                relay.metric = 0
                relay.target = 4
                relay.warmer = "sleep 0.5; echo failing on purpose >&2; exit 1"
                relay.controller.max-step = 2
                relay.mesos.max-failures = 3
                relay.mesos.max-failures-exit-code = 3
                """);

            var exitCode = await run.Process.WaitForExitAsync(TimeSpan.FromSeconds(90));

            Assert.Equal(3, exitCode);
            Assert.Contains("max-failures reached: 3 failures", run.Process.Output, StringComparison.Ordinal);
            var failed = (await Finished(target, framework)).Count(t => t.EndsWith(" TASK_FAILED", StringComparison.Ordinal));
            Assert.True(failed >= 3, $"{failed} failed tasks on the master");
        });
    }

    [Theory]
    [InlineData("command")]
    [InlineData("http")]
    public async Task A_warmer_whose_health_check_fails_is_killed_and_replaced_by_a_healthy_one(string check)
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        var framework = Framework($"health-{check}", name);
        await target.CheckAsync(async () =>
        {
            // Each warmer writes its sandbox down; the test makes one of them unhealthy there. The command check fails
            // once a file `sick` exists; the HTTP check asks a file server for `ok`, which the test removes. Both agents
            // run on this one host and offer the same port range, so the file servers share one agent (rack r0) and get
            // distinct ports; on two agents both would be given the same port, and one would answer the other's checks.
            var (warmer, healthCheck) = check == "command"
                ? ("pwd >> $DIR/sandboxes; exec sleep 600", """type = command, command = "test ! -f sick" """)
                : ("touch ok; pwd >> $DIR/sandboxes; exec /usr/bin/python3 -m http.server $PORT0 --bind 127.0.0.1", "type = http, path = /ok, port-index = 0");
            await using var run = RunScenario.Start(target, framework, $$"""
                relay.controller.mode = long-running
                relay.metric.type = tasks
                relay.target = 2
                relay.warmer = "{{warmer}}"
                relay.mesos.task { kill-grace-period = 1s, ports = {{(check == "http" ? 1 : 0)}} }
                relay.mesos.constraints = [{{(check == "http" ? "\"rack:CLUSTER:r0\"" : "")}}]
                relay.mesos.health-check { {{healthCheck}}, delay = 0s, interval = 1s, timeout = 5s, grace-period = 10s, consecutive-failures = 3 }
                """);
            var healthy = await target.EventuallyAsync(
                () => Healthy(target, framework), h => h.Count == 2, TimeSpan.FromSeconds(90), "two healthy warmers");
            var victim = healthy[0];
            // A check may pass before the warmer's shell wrote its sandbox down.
            var sandbox = (await target.EventuallyAsync(
                async () => File.Exists(Path.Combine(run.Directory, "sandboxes")) ? await File.ReadAllLinesAsync(Path.Combine(run.Directory, "sandboxes")) : [],
                s => s.Any(l => l.Contains($"/executors/{victim}/", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the warmers' sandboxes"))
                .Single(s => s.Contains($"/executors/{victim}/", StringComparison.Ordinal));

            if (check == "command")
            {
                await File.WriteAllTextAsync(Path.Combine(sandbox, "sick"), "");
            }
            else
            {
                File.Delete(Path.Combine(sandbox, "ok"));
            }

            var replaced = await target.EventuallyAsync(
                () => Healthy(target, framework), h => h.Count == 2 && !h.Contains(victim), TimeSpan.FromSeconds(90), "two healthy warmers without the sick one");
            Assert.Contains(healthy[1], replaced);
            var ended = await target.EventuallyAsync(
                () => Finished(target, framework), f => f.Any(t => t.StartsWith(victim + " ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the sick warmer ended");
            output.WriteLine($"{name} {check}: {string.Join(", ", ended)}");
            Assert.Contains(victim + " TASK_KILLED", ended);
            Assert.Contains($"Task {victim} turned unhealthy", run.Process.Output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Master_state_lists_each_state_a_task_went_through_and_the_latest_health()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        var framework = Framework("statuses", name);
        await target.CheckAsync(async () =>
        {
            await using var run = RunScenario.Start(target, framework, """
                relay.controller.mode = long-running
                relay.metric.type = tasks
                relay.target { type = command, command = "cat $DIR/target", timeout = 2s }
                relay.warmer = "sleep 600"
                relay.mesos.task.kill-grace-period = 1s
                relay.mesos.health-check { type = command, command = "true", delay = 0s, interval = 1s, timeout = 5s, grace-period = 0s }
                """);
            await File.WriteAllTextAsync(Path.Combine(run.Directory, "target"), "1\n");
            var id = (await target.EventuallyAsync(() => Healthy(target, framework), h => h.Count == 1, TimeSpan.FromSeconds(60), "one healthy warmer"))[0];

            // As Mesos keeps them: no TASK_STAGING (no agent sends it), one entry per state in order, a later update in
            // the same state (the health check's) replacing the earlier one.
            var live = (await target.TaskElementsAsync(framework)).Single(t => t.GetProperty("id").GetString() == id);
            Assert.Equal(["TASK_STARTING", "TASK_RUNNING"], States(live));
            Assert.True(live.GetProperty("statuses")[1].GetProperty("healthy").GetBoolean());
            await AssertShapedAsMesosWritesItAsync(target, framework, live);

            await File.WriteAllTextAsync(Path.Combine(run.Directory, "target.new"), "0\n");
            File.Move(Path.Combine(run.Directory, "target.new"), Path.Combine(run.Directory, "target"), overwrite: true);
            var done = await target.EventuallyAsync(
                async () => (await target.TaskElementsAsync(framework, completedTasks: true)).Where(t => t.GetProperty("id").GetString() == id).ToList(),
                t => t.Count == 1, TimeSpan.FromSeconds(60), "the warmer killed");
            Assert.Equal(["TASK_STARTING", "TASK_RUNNING", "TASK_KILLED"], States(done[0]));
        });
    }

    /// <summary>
    /// The fields a client of /master/state reads, with Mesos' own types: whole doubles keep ".0" (Python reads 2.0 as a
    /// float, 2 as an int), every resource sum names disk, mem, gpus and cpus, and a task shows its role, labels and
    /// empty executor id, and nothing of the agent's process.
    /// </summary>
    private static async Task AssertShapedAsMesosWritesItAsync(MesosTarget target, string framework, JsonElement task)
    {
        var state = await target.StateAsync();
        Assert.Equal("2.0", state.GetProperty("activated_slaves").GetRawText());
        Assert.Equal(["agent-0", "agent-1"], state.GetProperty("slaves").EnumerateArray().Select(a => a.GetProperty("hostname").GetString()!).Order(StringComparer.Ordinal));
        Assert.StartsWith("master@", state.GetProperty("leader").GetString(), StringComparison.Ordinal);

        var ours = state.GetProperty("frameworks").EnumerateArray().Single(f => f.GetProperty("name").GetString() == framework);
        Assert.EndsWith(".0", ours.GetProperty("failover_timeout").GetRawText(), StringComparison.Ordinal);
        Assert.True(ours.GetProperty("checkpoint").GetBoolean());
        Assert.Equal(["cpus", "disk", "gpus", "mem"], ours.GetProperty("offered_resources").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        Assert.Equal("", task.GetProperty("executor_id").GetString());
        Assert.Equal("*", task.GetProperty("role").GetString());
        Assert.Contains(task.GetProperty("labels").EnumerateArray(), l => l.GetProperty("key").GetString() == "relay-mesos.kind" && l.GetProperty("value").GetString() == "warmer");
        Assert.Equal("32.0", task.GetProperty("resources").GetProperty("mem").GetRawText());
        Assert.Equal("0.0", task.GetProperty("resources").GetProperty("disk").GetRawText());
        Assert.False(task.TryGetProperty("pid", out _));
        Assert.False(task.TryGetProperty("unacknowledged_updates", out _));
        AssertStatusesCarryTheContainer(task);
    }

    /// <summary>
    /// Every status an agent forwarded names the task's one container and its address (127.0.0.1: the agent's, the task
    /// has no network of its own), and nothing of the update's executor pid, source, reason or uuid.
    /// </summary>
    private static void AssertStatusesCarryTheContainer(JsonElement task)
    {
        var containers = task.GetProperty("statuses").EnumerateArray().Select(status =>
        {
            Assert.Equal(["container_status", "state", "timestamp"], status.EnumerateObject().Select(p => p.Name).Where(n => n != "healthy").Order(StringComparer.Ordinal));
            var container = status.GetProperty("container_status");
            Assert.Equal(["container_id", "network_infos"], container.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            var address = Assert.Single(Assert.Single(container.GetProperty("network_infos").EnumerateArray()).GetProperty("ip_addresses").EnumerateArray());
            Assert.Equal("IPv4", address.GetProperty("protocol").GetString());
            Assert.Equal("127.0.0.1", address.GetProperty("ip_address").GetString());
            return container.GetProperty("container_id").GetProperty("value").GetString();
        }).ToList();
        Assert.NotEmpty(containers);
        Assert.False(string.IsNullOrEmpty(Assert.Single(containers.Distinct())));
    }

    [Fact]
    public async Task Master_state_writes_a_tasks_labels_only_when_it_was_launched_with_them()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        var framework = Framework("labels", name);
        await target.CheckAsync(async () =>
        {
            await using var scheduler = new MesosSchedulerClient(new MesosSchedulerSettings(), new StaticMasterDetector([new Uri(target.Master)]));
            using var stop = new CancellationTokenSource(TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(90)));
            var info = new FrameworkInfo { Name = framework, User = System.Environment.UserName, FailoverTimeout = 0 };
            await using var events = scheduler.SubscribeAsync(info, stop.Token).GetAsyncEnumerator(stop.Token);
            Offer? offer = null;
            while (offer is null && await events.MoveNextAsync())
            {
                offer = events.Current.Type == Event.Types.Type.Offers ? events.Current.Offers.Offers_[0] : null;
            }

            var withLabels = new Labels();
            withLabels.Labels_.Add(new Label { Key = "a", Value = "b" });
            withLabels.Labels_.Add(new Label { Key = "no-value" });
            var launch = new Offer.Types.Operation.Types.Launch();
            launch.TaskInfos.Add([Sleeper("none", offer!, null), Sleeper("empty", offer!, new Labels()), Sleeper("labelled", offer!, withLabels)]);
            await scheduler.AcceptAsync([offer!.Id], [new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = launch }]);
            var running = new HashSet<string>(StringComparer.Ordinal);
            while (running.Count < 3 && await events.MoveNextAsync())
            {
                if (events.Current.Type == Event.Types.Type.Update && events.Current.Update.Status is { } status)
                {
                    if (status.State == TaskState.TaskRunning)
                    {
                        running.Add(status.TaskId.Value);
                    }

                    if (status.HasUuid)
                    {
                        await scheduler.AcknowledgeAsync(status);
                    }
                }
            }

            var tasks = (await target.TaskElementsAsync(framework)).ToDictionary(t => t.GetProperty("id").GetString()!, StringComparer.Ordinal);
            Assert.False(tasks["none"].TryGetProperty("labels", out _));
            Assert.Equal("[]", tasks["empty"].GetProperty("labels").GetRawText());
            Assert.Equal("""[{"key":"a","value":"b"},{"key":"no-value"}]""", JsonSerializer.Serialize(tasks["labelled"].GetProperty("labels")));
            Assert.All(tasks.Values, AssertStatusesCarryTheContainer);
            await scheduler.TeardownAsync();
        });
    }

    private static TaskInfo Sleeper(string id, Offer offer, Labels? labels)
    {
        var task = new TaskInfo
        {
            Name = id,
            TaskId = new TaskID { Value = id },
            AgentId = offer.AgentId.Clone(),
            Command = new CommandInfo { Value = "sleep 600" },
            Labels = labels,
        };
        task.Resources.Add(new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 0.1 } });
        task.Resources.Add(new Resource { Name = "mem", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 16 } });
        return task;
    }

    private static string[] States(JsonElement task) =>
        task.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("state").GetString()!).ToArray();

    /// <summary>Ids of a framework's running tasks whose latest status says healthy.</summary>
    private static async Task<IReadOnlyList<string>> Healthy(MesosTarget target, string framework) =>
        (await target.TaskElementsAsync(framework))
            .Where(t => t.GetProperty("state").GetString() == "TASK_RUNNING")
            .Where(t => t.GetProperty("statuses").EnumerateArray().LastOrDefault() is { ValueKind: JsonValueKind.Object } last
                && last.TryGetProperty("healthy", out var healthy) && healthy.ValueKind == JsonValueKind.True)
            .Select(t => t.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task A_scheduler_that_subscribes_as_our_framework_ends_the_term_and_the_lease_holder_takes_it_back()
    {
        var name = Target;
        var target = await targets.GetAsync(name);
        var framework = Framework("taken", name);
        await target.CheckAsync(async () =>
        {
            await using var run = RunScenario.Start(target, framework, """
                relay.controller.mode = long-running
                relay.metric.type = tasks
                relay.target = 2
                relay.warmer = "sleep 600"
                """);
            var warmers = await target.EventuallyAsync(() => target.TasksAsync(framework), t => t.Count == 2, TimeSpan.FromSeconds(90), "two running warmers");
            var registered = (await target.FrameworkAsync(framework))!.Value;

            // Another scheduler subscribes with our framework id, as a second instance that believes it leads would.
            var info = new FrameworkInfo
            {
                Id = new FrameworkID { Value = registered.GetProperty("id").GetString() },
                Name = framework,
                User = registered.GetProperty("user").GetString(),
                Checkpoint = true,
                FailoverTimeout = registered.GetProperty("failover_timeout").GetDouble(),
            };
#pragma warning disable CS0612 // registered as relay-mesos does: one role in the pre-MULTI_ROLE field
            info.Role = registered.GetProperty("role").GetString();
#pragma warning restore CS0612
            info.Capabilities.Add(new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.PartitionAware });
            await using var intruder = new MesosSchedulerClient(new MesosSchedulerSettings(), new StaticMasterDetector([new Uri(target.Master)]));
            var events = new List<Event>();
            using var stop = new CancellationTokenSource(TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(120)));
            var stream = Task.Run(async () =>
            {
                await foreach (var e in intruder.SubscribeAsync(info, stop.Token))
                {
                    lock (events)
                    {
                        events.Add(e);
                    }
                }
            });

            // The master fails the framework over to the intruder: our term ends on its ERROR. Still holding the lease,
            // the instance starts the framework again a moment later and takes it back; now the intruder gets the ERROR.
            await run.Process.WaitForLineAsync("Mesos handed this framework to another scheduler instance; this term ends", TimeSpan.FromSeconds(60));
            await run.Process.WaitForLineAsync("Subscribed to Mesos", TimeSpan.FromSeconds(60), occurrence: 2);
            await stream.WaitAsync(TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(60)));
            lock (events)
            {
                Assert.Equal(Event.Types.Type.Subscribed, events[0].Type);
                Assert.Contains(events, e => e.Type == Event.Types.Type.Error && e.Error.Message == "Framework failed over");
            }

            // Nothing was lost on the way: the same two warmers run, and the controller steps on.
            var stepsBefore = run.Steps().Count;
            await run.WaitForStepsAsync(stepsBefore + 4, TimeSpan.FromSeconds(30));
            Assert.Equal(warmers.Order(), (await target.TasksAsync(framework)).Order());
            Assert.False(run.Process.HasExited, $"relay-mesos exited\n{run.Process.Tail()}");
        });
    }

    private static string Framework(string scenario, string target) =>
        $"{scenario}-{target}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>"id STATE" of each finished task.</summary>
    private static async Task<IReadOnlyList<string>> Finished(MesosTarget target, string framework) =>
        (await target.TaskElementsAsync(framework, completedTasks: true))
            .Select(t => $"{t.GetProperty("id").GetString()} {t.GetProperty("state").GetString()}")
            .ToList();
}
