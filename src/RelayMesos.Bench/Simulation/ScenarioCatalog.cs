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
    /// controller delay and effect delay, the embedded cluster's offer rounds (1 s) and slots (2 agents × 4 cpus over
    /// 0.1 a task), and the framework's offer filters: an agent whose offer it declined is withheld for
    /// relay.mesos.refuse (30 s); what an ACCEPT leaves over is not refused. Every timing is measured, none fitted: 3,853
    /// consumers of 24 relay-classic runs at load averages of 0.3–4 (consumers.csv and run.log). A bash request to the
    /// queue costs 2.9 ms + 0.18 ms per live consumer (an item takes 0.255 s alone, 0.26 s among 80; a consumer leaves
    /// 1.29–1.43 s after its last item); the agents start a process 3 ms after the previous one and it says hello 0.05 s
    /// later; the framework sees a task running about 0.02 s after that. With these the model's relay-classic lands
    /// within 14% of the real runs' IAE, launches and worker-seconds on every profile.
    /// On a loaded machine (load 20–50) the same requests took 25 ms + 14 ms per consumer; set them per scenario
    /// (relay.simulator.scenarios.plant-*.request-time…) to model one.
    /// </summary>
    private static Scenario PlantScenario(string arrivals) => new()
    {
        Name = "plant-" + arrivals,
        Plant = PlantKind.ConsumerQueue,
        Arrivals = arrivals,
        TargetLevel = 0,
        StartupDelay = ConsumerShape.Default.Startup,
        LaunchLatency = 0.04,
        OfferInterval = 1,
        SpawnSeconds = 0.003,
        RequestSeconds = 0.0029,
        RequestPerConsumer = 0.000182,
        RefuseSeconds = 30,
        Agents = 2,
        StatusLag = 0.02,
        Slots = 80,
        StepSeconds = 0.5,
        Steps = 120,
        LeadSteps = 1,
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

    private ScenarioCatalog(Dictionary<string, Scenario> scenarios) => this.scenarios = scenarios;

    public IReadOnlyList<string> Names => [.. scenarios.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Only the consumer queues, once per shape: <c>plant-PROFILE@SHAPE</c>, each this catalog's <c>plant-PROFILE</c>
    /// (with whatever the configuration set for it) with the shape's consumers and their start-up as the effect delay.
    /// </summary>
    public ScenarioCatalog WithShapes(IReadOnlyList<string> shapes)
    {
        var shaped = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (var name in shapes)
        {
            var consumer = ConsumerShapes.Resolve(name);
            foreach (var plant in scenarios.Values.Where(s => s.Plant == PlantKind.ConsumerQueue))
            {
                var scenario = plant with { Name = $"{plant.Name}@{name}", Consumer = consumer, StartupDelay = consumer.Startup };
                shaped[scenario.Name] = scenario;
            }
        }

        return new ScenarioCatalog(shaped);
    }

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
            LeadSteps = (int)NonNegative(section.GetInt("lead-steps", s.LeadSteps), $"{path}.lead-steps"),
            LaunchLatency = NonNegative(section.GetDuration("launch-latency", TimeSpan.FromSeconds(s.LaunchLatency)).TotalSeconds, $"{path}.launch-latency"),
            OfferInterval = NonNegative(section.GetDuration("offer-interval", TimeSpan.FromSeconds(s.OfferInterval)).TotalSeconds, $"{path}.offer-interval"),
            SpawnSeconds = NonNegative(section.GetDuration("spawn-time", TimeSpan.FromSeconds(s.SpawnSeconds)).TotalSeconds, $"{path}.spawn-time"),
            RequestSeconds = NonNegative(section.GetDuration("request-time", TimeSpan.FromSeconds(s.RequestSeconds)).TotalSeconds, $"{path}.request-time"),
            RefuseSeconds = NonNegative(section.GetDuration("refuse", TimeSpan.FromSeconds(s.RefuseSeconds)).TotalSeconds, $"{path}.refuse"),
            RequestPerConsumer = NonNegative(section.GetDuration("request-time-per-consumer", TimeSpan.FromSeconds(s.RequestPerConsumer)).TotalSeconds, $"{path}.request-time-per-consumer"),
            StatusLag = NonNegative(section.GetDuration("status-lag", TimeSpan.FromSeconds(s.StatusLag)).TotalSeconds, $"{path}.status-lag"),
            Slots = (int)Positive(section.GetInt("slots", s.Slots), $"{path}.slots"),
            Agents = (int)Positive(section.GetInt("agents", s.Agents), $"{path}.agents"),
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
