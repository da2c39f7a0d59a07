namespace RelayMesos.Control.Simulation;

/// <summary>
/// The named consumer shapes the benches run: corners of the grid of start-up (0.5–5 s), service time (milliseconds to
/// 1 s an item) and idle exit (0.5 s to never). <c>bench</c> is the shape the controller was first tuned on; the
/// others are there so that a change that only wins on it shows.
/// </summary>
public static class ConsumerShapes
{
    private static readonly (string Name, ConsumerShape Shape, string Meaning)[] Known =
    [
        ("bench", ConsumerShape.Default, "1 s start-up, 0.25 s an item, leaves after 1 s idle (the shape relay was tuned on)"),
        ("quick", new(0.5, 0.005, 0.5), "0.5 s start-up, 5 ms an item, leaves after 0.5 s idle"),
        ("drain", new(2, 0.05, 0.5), "2 s start-up, 50 ms an item, drains the queue and leaves at once (0.5 s)"),
        ("costly", new(1, 1, 1), "1 s start-up, 1 s an item, leaves after 1 s idle"),
        ("slow-start", new(5, 0.25, 1), "5 s start-up, 0.25 s an item, leaves after 1 s idle"),
        ("linger", new(1, 0.25, double.PositiveInfinity), "1 s start-up, 0.25 s an item, never leaves on its own"),
        ("slow-linger", new(5, 1, double.PositiveInfinity), "5 s start-up, 1 s an item, never leaves on its own"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Known.Select(k => k.Name)];

    public static ConsumerShape Get(string name) =>
        Known.FirstOrDefault(k => k.Name == name).Shape
        ?? throw new ArgumentException($"No consumer shape '{name}'; known: {string.Join(", ", Names)} (or startup/service/idle-exit in seconds, e.g. 1/0.25/never).");

    /// <summary>A name of <see cref="Names"/> or a label such as <c>1/0.25/never</c>.</summary>
    public static ConsumerShape Resolve(string nameOrLabel) =>
        nameOrLabel.Contains('/', StringComparison.Ordinal) ? ConsumerShape.Parse(nameOrLabel) : Get(nameOrLabel);

    /// <summary>What a shape option accepts, for a bad value's one line.</summary>
    public static string Expected => $"one of {string.Join(", ", Names)}, or startup/service/idle-exit in seconds (e.g. 1/0.25/never)";

    public static string Meaning(string name) => Known.First(k => k.Name == name).Meaning;
}
