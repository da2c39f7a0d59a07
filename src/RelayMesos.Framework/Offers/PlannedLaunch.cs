namespace RelayMesos.Framework.Offers;

/// <summary>One task to launch from one offer, with the concrete resources it takes from it.</summary>
public sealed record PlannedLaunch(
    string OfferId,
    string AgentId,
    string Hostname,
    string Role,
    IReadOnlyDictionary<string, double> Scalars,
    IReadOnlyDictionary<string, IReadOnlyList<ValueRange>> Ranges,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SetItems,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The port numbers taken from the offer's "ports" ranges, lowest first.</summary>
    public IReadOnlyList<ulong> Ports =>
        Ranges.TryGetValue(ResourceNames.Ports, out var ranges)
            ? ranges.SelectMany(r => Enumerable.Range(0, checked((int)r.Count)).Select(i => r.Begin + (ulong)i)).ToArray()
            : [];

    /// <summary>The placement this launch adds, for constraint accounting once the task has an id.</summary>
    public RunningTask AsRunningTask(string taskId) => new(taskId, AgentId, Hostname, Attributes);
}
