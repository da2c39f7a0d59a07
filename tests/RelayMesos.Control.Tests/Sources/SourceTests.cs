using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Hocon;

namespace RelayMesos.Control.Sources.Tests;

public class SourceTests
{
    private static readonly MetricSourceContext Context =
        new(new HttpClient(), TimeProvider.System, NullLoggerFactory.Instance);

    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key.Replace('.', ':'), p.Value)))
            .Build();

    [Fact]
    public async Task Factory_builds_each_source_type_from_config()
    {
        var constant = MetricSourceFactory.Create(Config(("relay.target.type", "constant"), ("relay.target.value", "12")), "relay.target", Context);
        Assert.Equal(12, (await constant.ReadAsync(CancellationToken.None)).Value);

        var command = MetricSourceFactory.Create(Config(("relay.metric.type", "command"), ("relay.metric.command", "echo 6"), ("relay.metric.timeout", "2s")), "relay.metric", Context);
        Assert.Equal(6, (await command.ReadAsync(CancellationToken.None)).Value);

        // The framework's own count: its metric poller answers it (MetricPollerTests); read alone, it is no number.
        var tasks = MetricSourceFactory.Create(Config(("relay.metric.type", "tasks")), "relay.metric", Context);
        Assert.Same(TaskCountMetricSource.Instance, tasks);
        Assert.False((await tasks.ReadAsync(CancellationToken.None)).Succeeded);
    }

    [Fact]
    public void Factory_rejects_bad_config_naming_the_key()
    {
        var unknown = Assert.Throws<ConfigurationValueException>(() => MetricSourceFactory.Create(Config(("relay.metric.type", "carrier-pigeon")), "relay.metric", Context));
        Assert.Equal("relay.metric.type", unknown.Key);
        var noCommand = Assert.Throws<ConfigurationValueException>(() => MetricSourceFactory.Create(Config(("relay.metric.type", "command")), "relay.metric", Context));
        Assert.Equal("relay.metric.command", noCommand.Key);
        var badTimeout = Assert.Throws<ConfigurationValueException>(() => MetricSourceFactory.Create(Config(("relay.metric.type", "command"), ("relay.metric.command", "true"), ("relay.metric.timeout", "soon")), "relay.metric", Context));
        Assert.Equal("relay.metric.timeout", badTimeout.Key);
        var badUrl = Assert.Throws<ConfigurationValueException>(() => MetricSourceFactory.Create(Config(("relay.metric.type", "http"), ("relay.metric.url", "ftp://x")), "relay.metric", Context));
        Assert.Equal("relay.metric.url", badUrl.Key);
        var badPath = Assert.Throws<ConfigurationValueException>(() => MetricSourceFactory.Create(Config(("relay.metric.type", "http"), ("relay.metric.url", "http://127.0.0.1:1/"), ("relay.metric.json-path", "data.x")), "relay.metric", Context));
        Assert.Equal("relay.metric.json-path", badPath.Key);
    }

    [Fact]
    public async Task Plugin_loads_a_metric_source_from_an_assembly_file()
    {
        var config = Config(
            ("relay.metric.type", "plugin"),
            ("relay.metric.assembly", typeof(FixedPluginSource).Assembly.Location),
            ("relay.metric.class", typeof(FixedPluginSource).FullName!),
            ("relay.metric.answer", "31"));
        var source = MetricSourceFactory.Create(config, "relay.metric", Context);
        Assert.Equal(31, (await source.ReadAsync(CancellationToken.None)).Value);

        var wrongType = Config(("relay.metric.type", "plugin"), ("relay.metric.assembly", typeof(FixedPluginSource).Assembly.Location), ("relay.metric.class", typeof(SourceTests).FullName!));
        Assert.Throws<ConfigurationValueException>(() => MetricSourceFactory.Create(wrongType, "relay.metric", Context));
        var noFile = Config(("relay.metric.type", "plugin"), ("relay.metric.assembly", "/nonexistent/x.dll"), ("relay.metric.class", "X"));
        Assert.Contains("does not exist", Assert.Throws<ConfigurationValueException>(() => MetricSourceFactory.Create(noFile, "relay.metric", Context)).Message);
    }

    [Fact]
    public void Waves_follow_the_injected_clock()
    {
        var clock = new ManualClock();
        var sine = new WaveMetricSource(WaveShape.Sine, 50, TimeSpan.FromSeconds(200), 60, clock);
        var square = new WaveMetricSource(WaveShape.Square, 15, TimeSpan.FromSeconds(300), 35, clock);
        var saw = new WaveMetricSource(WaveShape.Sawtooth, 10, TimeSpan.FromSeconds(100), 0, clock);
        Assert.Equal((60, 50, -10), (sine.ValueAt(TimeSpan.Zero), square.ValueAt(TimeSpan.Zero), saw.ValueAt(TimeSpan.Zero)));
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(110, sine.ReadAsync(CancellationToken.None).Result.Value, 9);
        Assert.Equal(0, saw.ReadAsync(CancellationToken.None).Result.Value, 9);
        clock.Advance(TimeSpan.FromSeconds(110));
        Assert.Equal(20, square.ReadAsync(CancellationToken.None).Result.Value);
    }

    [Fact]
    public void Failure_policy_never_reads_an_outage_as_zero()
    {
        var ok = SampleResult.Success(10);
        var bad = SampleResult.Failed("boom");
        var hold = new FailurePolicySettings(FailurePolicyKind.Hold, PauseAfter: 3);
        var (t1, o1) = SampleFailurePolicy.Apply(hold, FailureTracker.Initial, ok, SampleResult.Success(4));
        Assert.Equal(new SampleOutcome.Use(10, 4), o1);
        var (t2, o2) = SampleFailurePolicy.Apply(hold, t1, ok, bad);
        Assert.Equal(new SampleOutcome.Use(10, 4), o2);
        var (t3, _) = SampleFailurePolicy.Apply(hold, t2, ok, bad);
        var (t4, o4) = SampleFailurePolicy.Apply(hold, t3, ok, bad);
        Assert.IsType<SampleOutcome.Pause>(o4);
        var (t5, o5) = SampleFailurePolicy.Apply(hold, t4, ok, SampleResult.Success(5));
        Assert.Equal((0, new SampleOutcome.Use(10, 5)), (t5.ConsecutiveFailures, (SampleOutcome)o5));

        var (_, first) = SampleFailurePolicy.Apply(hold, FailureTracker.Initial, ok, bad);
        Assert.IsType<SampleOutcome.Skip>(first);
        var (_, fallback) = SampleFailurePolicy.Apply(new FailurePolicySettings(FailurePolicyKind.Fallback, 0, 3), FailureTracker.Initial, bad, ok);
        Assert.Equal(3, Assert.IsType<SampleOutcome.Fallback>(fallback).Demand);
        Assert.Contains("target: boom", ((SampleOutcome.Fallback)fallback).Reason);
    }

    [Fact]
    public void The_failure_policy_defaults_to_relays()
    {
        Assert.Equal(FailurePolicySettings.Default, MetricSourceFactory.BindFailurePolicy(Config()));
    }

    [Fact]
    public void Non_finite_values_are_failed_samples()
    {
        Assert.False(SampleResult.Success(double.NaN).Succeeded);
        Assert.False(SampleResult.Success(double.PositiveInfinity).Succeeded);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
