using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Framework;

/// <summary>`relay-mesos run` as a user runs it: the real executable, the embedded cluster, real bash tasks.</summary>
[Scheduling.ExpectedDuration(60)]
public sealed class RunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_metric_follows_a_sine_target_within_one_task_on_average()
    {
        // The demo, sped up: workers live 3-5 s, the target swings 1..5 over 20 s.
        await using var run = RunScenario.Start("""
            relay.target { type = wave, shape = sine, amplitude = 2, period = 20s, offset = 3 }
            relay.metric.type = tasks
            relay.warmer = "sleep $((3 + RANDOM % 3))"
            """);

        await run.WaitForStepAsync(140, TimeSpan.FromSeconds(90));

        // Skip the first 5 s (filling up), then judge a full period and more.
        var tracked = run.Steps().Where(s => s.N > 20).ToList();
        var meanError = tracked.Average(s => s.AbsError);
        output.WriteLine($"wave tracking: mean |SP - PV| = {meanError:0.000} over {tracked.Count} steps, max {tracked.Max(s => s.AbsError):0.000}");
        Assert.True(meanError <= 1.0, $"mean |SP - PV| was {meanError:0.00} over {tracked.Count} steps\n{run.Process.Tail()}");
        Assert.True(tracked.Max(s => s.Pv) >= 4, "the metric never rose with the wave");
        Assert.True(tracked.Min(s => s.Pv) <= 2, "the metric never fell with the wave");
    }

    [Fact]
    public async Task A_single_loop_runs_with_its_own_keys_and_relays_for_the_rest()
    {
        await using var run = RunScenario.Start("""
            relay.warmer = "touch $DIR/relay-warmer-ran; sleep 30"
            relay.loops.orders {
              metric = 0
              target = 2
              warmer = "touch $DIR/orders-warmer-ran; sleep 30"
            }
            """);

        await run.Process.WaitForLineAsync(@"step \d+: PV=0 SP=2 ", TimeSpan.FromSeconds(60));
        await run.Process.WaitForLineAsync("Launched task relay-warmer-", TimeSpan.FromSeconds(30));
        var ran = Path.Combine(run.Directory, "orders-warmer-ran");
        for (var waited = 0; !File.Exists(ran) && waited < 200; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(ran), $"the loop's warmer did not run\n{run.Process.Tail()}");
        Assert.False(File.Exists(Path.Combine(run.Directory, "relay-warmer-ran")), "relay's warmer ran instead of the loop's");
    }

    [Fact]
    public async Task Queue_consumers_drain_the_queue_and_then_nothing_more_is_launched()
    {
        // Relay.Mesos' first example: metric = queue size, target = 0; consumers lower the metric, so they are coolers.
        var consumer = "flock $DIR/q.lock bash -c 'n=$(cat $DIR/q); echo $(( n > 5 ? n - 5 : 0 )) > $DIR/q'; sleep 1";
        await using var run = RunScenario.Start($$"""
            relay.metric = "cat $DIR/q"
            relay.target = 0
            relay.warmer = ""
            relay.cooler = "{{consumer}}"
            """);
        await File.WriteAllTextAsync(Path.Combine(run.Directory, "q"), "60\n");

        await run.Process.WaitForLineAsync(@"step \d+: PV=0 ", TimeSpan.FromSeconds(60));
        var drainedAt = run.Steps().First(s => s.Pv == 0).N;
        await run.WaitForStepAsync((int)drainedAt + 12, TimeSpan.FromSeconds(30));

        Assert.Equal("0", (await File.ReadAllTextAsync(Path.Combine(run.Directory, "q"))).Trim());
        var after = run.Steps().Where(s => s.N > drainedAt + 2).ToList();
        Assert.All(after, s => Assert.Equal(0, s.Launches));
    }

    [Fact]
    public async Task Max_failures_stops_the_run_with_its_exit_code_and_a_clear_message()
    {
        await using var run = RunScenario.Start("""
            relay.metric = 0
            relay.target = 4
            relay.warmer = "echo failing on purpose >&2; exit 1"
            relay.mesos.max-failures = 3
            relay.mesos.max-failures-exit-code = 3
            """);

        var exitCode = await run.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, exitCode);
        Assert.Contains("max-failures reached", run.Process.Output);
    }

    [Theory]
    [InlineData("echo garbage", "not a number")]
    [InlineData("sleep 30", "timed out")]
    [InlineData("exit 7", "exit")]
    public async Task A_metric_command_that_fails_never_crashes_the_run(string metric, string reason)
    {
        await using var run = RunScenario.Start($$"""
            relay.metric { type = command, command = "{{metric}}", timeout = 500ms, on-failure = hold, pause-after = 0 }
            relay.target = 2
            """);

        await run.Process.WaitForLineAsync("(?i)sample failed.*" + reason, TimeSpan.FromSeconds(30));
        await run.Process.WaitForLineAsync("(?i)sample failed", TimeSpan.FromSeconds(30), occurrence: 4);
        Assert.False(run.Process.HasExited, run.Process.Tail());
        Assert.Empty(run.Steps());

        run.Process.Signal("TERM");
        Assert.Equal(0, await run.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_bad_configuration_is_one_line_and_exit_code_2()
    {
        await using var run = RunScenario.Start("relay.controller.algorithm = fuzzy");

        Assert.Equal(2, await run.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("relay.controller.algorithm", run.Process.Error);
        Assert.DoesNotContain("   at ", run.Process.Output);
    }
}
