namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>A test failed on one target; the message names the target and where its logs are.</summary>
public sealed class TargetTestFailedException(string message, Exception inner) : Exception(message, inner);
