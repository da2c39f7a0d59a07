namespace RelayMesos.LocalCluster.Processes;

/// <summary>What to execute for a task: an argv (argv[0] is the program), its environment and its sandbox.</summary>
public sealed record TaskLaunchPlan(
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment,
    string Sandbox);
