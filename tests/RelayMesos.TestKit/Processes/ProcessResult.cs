namespace RelayMesos.TestKit.Processes;

/// <summary>A finished relay-mesos run: its exit code, all its output, and its stderr alone.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error);
