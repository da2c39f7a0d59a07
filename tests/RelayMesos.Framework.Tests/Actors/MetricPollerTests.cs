using Akka.Actor;
using Akka.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Control.Sources;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Framework.Tests.Actors;

/// <summary>The poller against real <c>bash -c</c> metric commands: good numbers, garbage, failures and commands that outlive their timeout.</summary>
public sealed class MetricPollerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(300);

    /// <summary>A bound on waiting for a sample: several delays plus bash's start on a loaded machine.</summary>
    private static readonly TimeSpan SampleWait = TimeSpan.FromSeconds(10);

    private readonly TestProbe _controller;
    private readonly TestProbe _failures;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("relay-poller-");

    public MetricPollerTests()
        : base(FrameworkTestConfig.Config)
    {
        _controller = CreateTestProbe("controller");
        _failures = CreateTestProbe("failures");
        Sys.EventStream.Subscribe(_failures.Ref, typeof(SampleFailed));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A command still running as the system stopped may write into it meanwhile; the temp folder is left behind.
        }
    }

    private IActorRef Start(IMetricSource metric, FailurePolicySettings policy, IMetricSource? target = null, TimeSpan? delay = null)
    {
        var sp = target ?? new ConstantMetricSource(5);
        var every = delay ?? Delay;
        return Sys.ActorOf(Props.Create(() => new MetricPoller(metric, sp, policy, every, _controller.Ref, TimeProvider.System, NullLogger.Instance)));
    }

    private static CommandMetricSource Command(string script, TimeSpan? timeout = null) =>
        new(script, timeout ?? TimeSpan.FromSeconds(10), NullLogger.Instance);

    private string InWork(string name) => Path.Combine(_work.FullName, name);

    [Fact]
    public void A_tasks_metric_is_the_count_the_reconciler_told_the_poller_as_of_its_time()
    {
        var poller = Start(TaskCountMetricSource.Instance, FailurePolicySettings.Default);
        Assert.Equal(0, _controller.ExpectMsg<Sample>(SampleWait).Metric);

        var at = DateTimeOffset.UtcNow;
        poller.Tell(new RunningWarmersChanged(3, at), ActorRefs.NoSender);

        // A sample of the new count says it is as of the count's time, not the poll's: a task that began running later
        // is not in it, and the controller counts such a task in flight.
        var sample = _controller.FishForMessage<Sample>(s => s.Metric == 3, SampleWait);
        Assert.Equal(at, sample.MetricReadAt);
        Assert.True(sample.At >= at);
        _failures.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Every_delay_the_controller_gets_the_target_and_the_metric_the_command_printed()
    {
        Start(Command("echo noise; echo 3"), FailurePolicySettings.Default);

        var samples = Enumerable.Range(0, 3).Select(_ => _controller.ExpectMsg<Sample>(SampleWait)).ToList();

        Assert.All(samples, s => Assert.Equal((5.0, 3.0), (s.Target, s.Metric)));
        Assert.All(samples, s => Assert.True(s.MetricReadAt <= s.At));
        // Two delays between the first and the third, less what a slower first read can take off; a poller that read
        // back to back would be some tens of milliseconds apart.
        Assert.True(samples[2].At - samples[0].At >= Delay, $"three samples within {(samples[2].At - samples[0].At).TotalMilliseconds} ms");
        _failures.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Garbage_from_the_metric_command_skips_the_step_and_is_published_as_a_failed_sample()
    {
        Start(Command("echo banana"), new FailurePolicySettings(FailurePolicyKind.Skip, PauseAfter: 0));

        var first = _failures.ExpectMsg<SampleFailed>(SampleWait);
        _failures.ExpectMsg<SampleFailed>(SampleWait);

        Assert.StartsWith("metric: ", first.Reason, StringComparison.Ordinal);
        Assert.Contains("'banana' is not a number", first.Reason, StringComparison.Ordinal);
        // Each poll publishes its failure after it told the controller whatever it tells it: by now two polls told nothing.
        _controller.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Hold_keeps_stepping_on_the_last_good_metric_while_the_command_prints_garbage()
    {
        var calls = InWork("calls");
        Start(Command($"echo x >> '{calls}'; if [ $(wc -l < '{calls}') -eq 1 ]; then echo 4; else echo not-a-number; fi"),
            new FailurePolicySettings(FailurePolicyKind.Hold, PauseAfter: 0));

        var good = _controller.ExpectMsg<Sample>(SampleWait);
        var held = _controller.ExpectMsg<Sample>(SampleWait);

        Assert.Equal((5.0, 4.0), (good.Target, good.Metric));
        Assert.Equal((5.0, 4.0), (held.Target, held.Metric));
        Assert.Contains("not-a-number", _failures.ExpectMsg<SampleFailed>(SampleWait).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_command_that_outlives_its_timeout_falls_back_to_the_configured_demand()
    {
        Start(Command("sleep 30; echo 1", timeout: TimeSpan.FromMilliseconds(300)), new FailurePolicySettings(FailurePolicyKind.Fallback, PauseAfter: 0, FallbackDemand: 2));

        var fallback = _controller.ExpectMsg<FallbackDemand>(SampleWait);

        Assert.Equal(2, fallback.Mv);
        Assert.Contains("metric: timed out after 300 ms", fallback.Reason, StringComparison.Ordinal);
        Assert.Equal(fallback.Reason, _failures.ExpectMsg<SampleFailed>(SampleWait).Reason);
    }

    [Fact]
    public void Failed_samples_in_a_row_pause_the_controller_without_a_step_before()
    {
        Start(Command("echo oops >&2; exit 3"), new FailurePolicySettings(FailurePolicyKind.Skip, PauseAfter: 2));

        var paused = _controller.ExpectMsg<SamplingPaused>(SampleWait);

        Assert.StartsWith("2 failed samples in a row", paused.Reason, StringComparison.Ordinal);
        Assert.Contains("exited with code 3: oops", paused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_poll_due_while_the_last_still_reads_is_skipped_not_run_beside_it()
    {
        // The command prints garbage whenever another copy of it runs: a doubled poll would show as a failed sample.
        var running = InWork("running");
        Start(Command($"mkdir '{running}' 2>/dev/null || {{ echo overlapped; exit 0; }}; sleep 0.5; rmdir '{running}'; echo 1"),
            new FailurePolicySettings(FailurePolicyKind.Skip, PauseAfter: 0), delay: TimeSpan.FromMilliseconds(100));

        var samples = Enumerable.Range(0, 3).Select(_ => _controller.ExpectMsg<Sample>(SampleWait)).ToList();

        Assert.All(samples, s => Assert.Equal(1.0, s.Metric));
        _failures.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_target_source_that_throws_is_a_failed_sample_and_polling_goes_on()
    {
        Start(Command("echo 3"), new FailurePolicySettings(FailurePolicyKind.Skip, PauseAfter: 0), target: new ThrowingSource(synchronously: false));

        Assert.Equal("target: InvalidOperationException: nothing to read", _failures.ExpectMsg<SampleFailed>(SampleWait).Reason);
        Assert.Equal("target: InvalidOperationException: nothing to read", _failures.ExpectMsg<SampleFailed>(SampleWait).Reason);
    }

    [Fact]
    public void A_source_that_throws_before_it_returns_its_task_is_a_failed_sample_and_polling_goes_on()
    {
        Start(new ThrowingSource(synchronously: true), new FailurePolicySettings(FailurePolicyKind.Skip, PauseAfter: 0));

        Assert.Equal("metric: InvalidOperationException: nothing to read", _failures.ExpectMsg<SampleFailed>(SampleWait).Reason);
        Assert.Equal("metric: InvalidOperationException: nothing to read", _failures.ExpectMsg<SampleFailed>(SampleWait).Reason);
    }

    /// <summary>A source that breaks its contract (failures are values): the one thing a real source cannot be made to do.</summary>
    private sealed class ThrowingSource(bool synchronously) : IMetricSource
    {
        public Task<SampleResult> ReadAsync(CancellationToken cancellationToken) =>
            synchronously ? throw new InvalidOperationException("nothing to read") : ThrowLater();

        private static async Task<SampleResult> ThrowLater()
        {
            await Task.Yield();
            throw new InvalidOperationException("nothing to read");
        }
    }
}
