using RelayMesos.Mesos.V1;

namespace RelayMesos.LocalCluster.Health;

/// <summary>
/// The health-check loop of one task: waits delay_seconds, then checks every interval_seconds (counted from the
/// end of the previous check, as Mesos does), feeding each result to a <see cref="HealthTracker"/>. Changes of
/// health and the kill decision go to the callbacks; the loop ends at the kill or when disposed.
/// </summary>
public sealed class TaskHealthChecker : IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    private TaskHealthChecker(Task loop)
    {
        Completion = loop;
    }

    public Task Completion { get; private set; }

    public static TaskHealthChecker Start(
        HealthCheck check,
        string sandbox,
        IReadOnlyDictionary<string, string> environment,
        HealthProbe probe,
        TimeProvider time,
        Action<bool, string> healthChanged,
        Action<string> kill)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(time);
        var tracker = new HealthTracker(time.GetUtcNow(), TimeSpan.FromSeconds(check.GracePeriodSeconds), (int)check.ConsecutiveFailures);
        var checker = new TaskHealthChecker(Task.CompletedTask);
        var token = checker.stopping.Token;
        checker.Completion = Task.Run(
            async () =>
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(check.DelaySeconds), time, token).ConfigureAwait(false);
                    while (!token.IsCancellationRequested)
                    {
                        var result = await probe.RunAsync(check, sandbox, environment, token).ConfigureAwait(false);
                        var verdict = tracker.Observe(result.Healthy, time.GetUtcNow());
                        if (verdict.Report is { } healthy)
                        {
                            healthChanged(healthy, result.Message);
                        }

                        if (verdict.Kill)
                        {
                            kill($"{verdict.ConsecutiveFailures} consecutive health check failures; last: {result.Message}");
                            return;
                        }

                        await Task.Delay(TimeSpan.FromSeconds(check.IntervalSeconds), time, token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                }
            },
            CancellationToken.None);
        return checker;
    }

    /// <summary>Stops the loop; a check in progress is cut off. The source is only cancelled, never disposed,
    /// because the loop may still be reading its token.</summary>
    public void Dispose() => stopping.Cancel();
}
