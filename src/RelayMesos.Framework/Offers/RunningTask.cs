namespace RelayMesos.Framework.Offers;

/// <summary>Where one of our tasks runs or is being launched, as placement constraints see it.</summary>
public sealed record RunningTask(
    string TaskId,
    string AgentId,
    string Hostname,
    IReadOnlyDictionary<string, string> Attributes);
