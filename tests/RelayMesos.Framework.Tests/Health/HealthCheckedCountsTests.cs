using System.Collections.Immutable;
using RelayMesos.Framework.Offers;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Hocon;
using RelayMesos.Mesos.V1;
using RelayMesos.TestKit;

namespace RelayMesos.Framework.Tests.Health;

public sealed class HealthCheckedCountsTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_health_checks_a_running_warmer_of_unknown_health_is_in_flight_and_an_unhealthy_one_is_not_counted()
    {
        var table = TaskTable.Empty.WithLaunched([Warmer("unknown"), Warmer("healthy"), Warmer("unhealthy")])
            .WithState("unknown", TaskState.TaskRunning, Now, null)
            .WithState("healthy", TaskState.TaskRunning, Now, true)
            .WithState("unhealthy", TaskState.TaskRunning, Now, false);

        Assert.Equal(new TaskCounts(1, 1, 0, 0), table.Counts(Now, TimeSpan.Zero, healthChecked: true));
        Assert.Equal(new TaskCounts(2, 0, 0, 0), table.Counts(Now, TimeSpan.Zero, healthChecked: false));
        Assert.Equal(1, table.RunningCount(TaskKind.Warmer, healthChecked: true));
        Assert.Equal(2, table.RunningCount(TaskKind.Warmer, healthChecked: false));
    }

    [Fact]
    public void The_task_info_of_a_warmer_carries_an_http_check_on_the_port_its_index_names()
    {
        var settings = Settings("""
            relay.mesos.task.ports = 2
            relay.mesos.health-check { type = http, port-index = 1, path = "/healthz", delay = 2s, interval = 500ms, timeout = 1s, grace-period = 0s, consecutive-failures = 4 }
            """);
        var launch = new PlannedLaunch("offer-1", "agent-1", "host-1", "*",
            ImmutableDictionary<string, double>.Empty.Add("cpus", 0.1),
            ImmutableDictionary<string, IReadOnlyList<ValueRange>>.Empty.Add("ports", [new ValueRange(31000, 31001)]),
            ImmutableDictionary<string, IReadOnlyList<string>>.Empty,
            ImmutableDictionary<string, string>.Empty);

        var warmer = TaskInfoFactory.Build("w", TaskKind.Warmer, launch, settings);
        var cooler = TaskInfoFactory.Build("c", TaskKind.Cooler, launch, settings);

        Assert.Equal(HealthCheck.Types.Type.Http, warmer.HealthCheck.Type);
        Assert.Equal(31001u, warmer.HealthCheck.Http.Port);
        Assert.Equal("/healthz", warmer.HealthCheck.Http.Path);
        Assert.Equal((2.0, 0.5, 1.0, 0.0, 4u), (warmer.HealthCheck.DelaySeconds, warmer.HealthCheck.IntervalSeconds, warmer.HealthCheck.TimeoutSeconds, warmer.HealthCheck.GracePeriodSeconds, warmer.HealthCheck.ConsecutiveFailures));
        Assert.Null(cooler.HealthCheck);
    }

    [Fact]
    public void The_defaults_are_those_of_Mesos_and_no_check_by_default()
    {
        var none = Settings("");
        var command = Settings("""relay.mesos.health-check { type = command, command = "true" }""").HealthCheck;

        Assert.False(none.HealthCheck.Enabled);
        Assert.Equal(
            (TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), 3),
            (command.Delay, command.Interval, command.Timeout, command.GracePeriod, command.ConsecutiveFailures));
    }

    [Theory]
    [InlineData("relay.mesos.health-check.type = ping", "relay.mesos.health-check.type")]
    [InlineData("relay.mesos.health-check.type = command", "relay.mesos.health-check.command")]
    [InlineData("relay.mesos.health-check.type = tcp", "relay.mesos.health-check.port-index")]
    [InlineData("relay.mesos.health-check { type = command, command = x, consecutive-failures = 0 }", "relay.mesos.health-check.consecutive-failures")]
    [InlineData("relay.mesos.health-check { type = command, command = x, interval = 0s }", "relay.mesos.health-check.interval")]
    public void A_bad_health_check_setting_names_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigurationValueException>(() => Settings(hocon));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static FrameworkSettings Settings(string hocon)
    {
        var config = ReferenceConfiguration.WithHocon("relay.warmer = \"sleep 1\"\n" + hocon);
        return FrameworkSettingsBinder.Bind(config, Control.Controllers.ControllerSettingsBinder.Bind(config));
    }

    private static TaskRecord Warmer(string id) =>
        new(id, TaskKind.Warmer, "agent-1", "host-1", ImmutableDictionary<string, string>.Empty, TaskState.TaskStaging, Now.AddSeconds(-5));
}
