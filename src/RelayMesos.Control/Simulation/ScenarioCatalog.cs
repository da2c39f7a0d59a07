using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;

namespace RelayMesos.Control.Simulation;

/// <summary>
/// The built-in scenarios, each overridable (and new ones addable) under
/// <c>relay.simulator.scenarios.&lt;name&gt;.*</c>.
/// </summary>
public sealed class ScenarioCatalog
{
    private const string Root = "relay.simulator.scenarios";

    private static readonly Scenario[] BuiltIn =
    [
        new() { Name = "queue", Plant = PlantKind.Queue, TargetLevel = 0, ArrivalRate = 5, WorkerRate = 1, StartupDelay = 3, TaskLifetime = 60, Initial = 50 },
        new() { Name = "pool-step", Plant = PlantKind.Pool, Target = TargetShape.Step, TargetLevel = 10, StepAt = 100, StepTo = 30, StartupDelay = 5 },
        new() { Name = "pool-sine", Plant = PlantKind.Pool, Target = TargetShape.Sine, TargetLevel = 20, Amplitude = 10, Period = 120, StartupDelay = 5 },
        new() { Name = "starvation", Plant = PlantKind.Pool, TargetLevel = 20, StartupDelay = 5, StarveFrom = 0, StarveUntil = 60, ScoreFrom = 60 },
        .. ArrivalProfile.Names.Select(PlantScenario),
    ];

    /// <summary>
    /// <c>relay-mesos bench plant</c>'s runs as a model: the same arrivals, consumers of the same shape, the same
    /// controller delay and effect delay; the launch latency is the embedded cluster's mean wait for an offer.
    /// </summary>
    private static Scenario PlantScenario(string arrivals) => new()
    {
        Name = "plant-" + arrivals,
        Plant = PlantKind.ConsumerQueue,
        Arrivals = arrivals,
        TargetLevel = 0,
        StartupDelay = ConsumerShape.Default.Startup,
        LaunchLatency = 0.5,
        StepSeconds = 0.5,
        Steps = 120,
    };

    private readonly Dictionary<string, Scenario> scenarios;

    public ScenarioCatalog(IConfiguration? configuration = null)
    {
        scenarios = BuiltIn.ToDictionary(s => s.Name, StringComparer.Ordinal);
        if (configuration is null)
        {
            return;
        }

        foreach (var section in configuration.GetSection(Root.Replace('.', ':')).GetChildren())
        {
            var name = section.Key;
            var start = scenarios.TryGetValue(name, out var known) ? known : new Scenario { Name = name };
            scenarios[name] = Bind(section, start, $"{Root}.{name}");
        }
    }

    public IReadOnlyList<string> Names => [.. scenarios.Keys.Order(StringComparer.Ordinal)];

    public Scenario Get(string name) =>
        scenarios.TryGetValue(name, out var scenario)
            ? scenario
            : throw new KeyNotFoundException($"No scenario named '{name}'; known: {string.Join(", ", Names)}.");

    private static Scenario Bind(IConfiguration section, Scenario s, string path)
    {
        var plant = section.GetText("plant");
        var shape = section.GetText("target.shape");
        return s with
        {
            Plant = plant is null ? s.Plant : ParseEnum<PlantKind>(plant, $"{path}.plant", "queue or pool"),
            Target = shape is null ? s.Target : ParseEnum<TargetShape>(shape, $"{path}.target.shape", "constant, step or sine"),
            TargetLevel = section.GetDouble("target.level", s.TargetLevel),
            StepAt = section.GetDuration("target.step-at", TimeSpan.FromSeconds(s.StepAt)).TotalSeconds,
            StepTo = section.GetDouble("target.step-to", s.StepTo),
            Amplitude = section.GetDouble("target.amplitude", s.Amplitude),
            Period = Positive(section.GetDuration("target.period", TimeSpan.FromSeconds(s.Period)).TotalSeconds, $"{path}.target.period"),
            ArrivalRate = NonNegative(section.GetDouble("arrival-rate", s.ArrivalRate), $"{path}.arrival-rate"),
            WorkerRate = NonNegative(section.GetDouble("worker-rate", s.WorkerRate), $"{path}.worker-rate"),
            StartupDelay = NonNegative(section.GetDuration("startup-delay", TimeSpan.FromSeconds(s.StartupDelay)).TotalSeconds, $"{path}.startup-delay"),
            TaskLifetime = Positive(section.GetDuration("task-lifetime", TimeSpan.FromSeconds(s.TaskLifetime)).TotalSeconds, $"{path}.task-lifetime"),
            Initial = NonNegative(section.GetDouble("initial", s.Initial), $"{path}.initial"),
            StarveFrom = section.GetDuration("starve-from", TimeSpan.FromSeconds(s.StarveFrom)).TotalSeconds,
            StarveUntil = section.GetDuration("starve-until", TimeSpan.FromSeconds(s.StarveUntil)).TotalSeconds,
            OffersPerStep = (int)NonNegative(section.GetInt("offers-per-step", s.OffersPerStep), $"{path}.offers-per-step"),
            ScoreFrom = NonNegative(section.GetDuration("score-from", TimeSpan.FromSeconds(s.ScoreFrom)).TotalSeconds, $"{path}.score-from"),
            StepSeconds = Positive(section.GetDuration("step", TimeSpan.FromSeconds(s.StepSeconds)).TotalSeconds, $"{path}.step"),
            Steps = (int)Positive(section.GetInt("steps", s.Steps), $"{path}.steps"),
            LaunchLatency = NonNegative(section.GetDuration("launch-latency", TimeSpan.FromSeconds(s.LaunchLatency)).TotalSeconds, $"{path}.launch-latency"),
        };
    }

    private static T ParseEnum<T>(string text, string key, string expected)
        where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new ConfigurationValueException(key, text, expected);

    private static double Positive(double value, string key) =>
        value > 0 ? value : throw new ConfigurationValueException(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "a value above zero");

    private static double NonNegative(double value, string key) =>
        value >= 0 ? value : throw new ConfigurationValueException(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "a value of zero or more");
}
