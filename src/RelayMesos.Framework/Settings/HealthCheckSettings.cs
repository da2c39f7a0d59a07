namespace RelayMesos.Framework.Settings;

/// <summary>
/// <c>relay.mesos.health-check</c>: the check the agent runs on every long-running warmer. The timing defaults are
/// those of Mesos' HealthCheck message. <see cref="PortIndex"/> picks which of the task's allocated ports
/// (PORT0, PORT1, ...) an HTTP or TCP check probes.
/// </summary>
public sealed record HealthCheckSettings
{
    public static HealthCheckSettings None { get; } = new();

    public HealthCheckKind Kind { get; init; } = HealthCheckKind.None;

    public string Command { get; init; } = "";

    public int PortIndex { get; init; }

    public string Path { get; init; } = "/";

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    public int ConsecutiveFailures { get; init; } = 3;

    public bool Enabled => Kind != HealthCheckKind.None;
}
