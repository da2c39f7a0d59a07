using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Sources;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Every <c>delay</c>, reads the target and the metric (each bounded by its own timeout) and tells the
/// controller what the failure policy makes of them. A poll still running when the next is due is not
/// doubled: the slow one finishes, the due one is skipped.
/// </summary>
public sealed class MetricPoller : ReceiveActor, IWithTimers
{
    private readonly IMetricSource _metric;
    private readonly IMetricSource _target;
    private readonly FailurePolicySettings _policy;
    private readonly TimeSpan _delay;
    private readonly IActorRef _controller;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _loop;
    private FailureTracker _tracker = FailureTracker.Initial;
    private bool _reading;
    private RunningWarmersChanged _runningWarmers = new(0, DateTimeOffset.MinValue);

    public MetricPoller(
        IMetricSource metric, IMetricSource target, FailurePolicySettings policy, TimeSpan delay,
        IActorRef controller, TimeProvider clock, ILogger logger, string loop = Settings.FrameworkSettings.DefaultLoop)
    {
        _loop = loop;
        _metric = metric;
        _target = target;
        _policy = policy;
        _delay = delay;
        _controller = controller;
        _clock = clock;
        _logger = logger;

        Receive<Poll>(_ =>
        {
            if (_reading)
            {
                _logger.LogDebug("Previous sample still running; this poll is skipped.");
                return;
            }

            _reading = true;
            ReadBoth().PipeTo(Self);
        });
        Receive<Readings>(OnReadings);
        Receive<RunningWarmersChanged>(changed => _runningWarmers = changed);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("poll", Poll.Instance, TimeSpan.Zero, _delay);

    private async Task<Readings> ReadBoth()
    {
        var target = Read(_target);
        // A `tasks` metric is the count as of the reconciler's last change: a task that started running after that
        // is not in it, and the controller must count it in flight rather than as already acting.
        var metricReadAt = _metric is TaskCountMetricSource ? _runningWarmers.At : _clock.GetUtcNow();
        var metric = Read(_metric);
        return new Readings(await target, await metric, _clock.GetUtcNow(), metricReadAt);
    }

    /// <summary>The framework's own count is answered here, from the reconciler's last word; every other source is read.</summary>
    private Task<SampleResult> Read(IMetricSource source) =>
        source is TaskCountMetricSource ? Task.FromResult(SampleResult.Success(_runningWarmers.Count)) : Safely(source);

    /// <summary>
    /// A source that throws instead of returning a failed result still yields a failed sample, never a crash. That
    /// includes one that throws before it returns its task: that escaped as a failed pipe nobody handles, and every poll
    /// after it was skipped as "still running".
    /// </summary>
    private static async Task<SampleResult> Safely(IMetricSource source)
    {
        try
        {
            return await source.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return SampleResult.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private void OnReadings(Readings readings)
    {
        _reading = false;
        (_tracker, var outcome) = SampleFailurePolicy.Apply(_policy, _tracker, readings.Target, readings.Metric);
        if (!readings.Target.Succeeded || !readings.Metric.Succeeded)
        {
            Context.System.EventStream.Publish(new SampleFailed(Reasons(readings), readings.At, _loop));
        }

        switch (outcome)
        {
            case SampleOutcome.Use use:
                if (!readings.Target.Succeeded || !readings.Metric.Succeeded)
                {
                    _logger.LogWarning("Sample failed ({Reasons}); holding the last good value.", Reasons(readings));
                }

                _controller.Tell(new Sample(use.Target, use.Metric, readings.At, readings.MetricReadAt), Self);
                break;
            case SampleOutcome.Skip skip:
                _logger.LogWarning("Sample failed, step skipped: {Reason}", skip.Reason);
                break;
            case SampleOutcome.Fallback fallback:
                _logger.LogWarning("Sample failed, falling back to demand {Demand}: {Reason}", fallback.Demand, fallback.Reason);
                _controller.Tell(new FallbackDemand(fallback.Demand, fallback.Reason, readings.At), Self);
                break;
            case SampleOutcome.Pause pause:
                _logger.LogError("Controller paused: {Reason}", pause.Reason);
                _controller.Tell(new SamplingPaused(pause.Reason, readings.At), Self);
                break;
        }
    }

    private static string Reasons(Readings r) =>
        string.Join("; ", new[] { ("target", r.Target), ("metric", r.Metric) }.Where(s => !s.Item2.Succeeded).Select(s => $"{s.Item1}: {s.Item2.Failure}"));

    private sealed record Poll
    {
        public static Poll Instance { get; } = new();
    }

    private sealed record Readings(SampleResult Target, SampleResult Metric, DateTimeOffset At, DateTimeOffset MetricReadAt);
}
