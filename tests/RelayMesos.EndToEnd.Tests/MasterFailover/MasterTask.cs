namespace RelayMesos.EndToEnd.Tests.MasterFailover;

/// <summary>A task in the master's state: its state name (TASK_RUNNING, …) and when it first ran, by the agent's clock.</summary>
internal sealed record MasterTask(string Id, string State, DateTimeOffset? RunningAt);
