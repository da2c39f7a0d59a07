namespace RelayMesos.Control.Controllers;

/// <summary><c>relay.controller.stop-condition.*</c>: when <c>run</c> ends by itself, and with which exit code.</summary>
public sealed record StopConditionSettings(
    StopConditionKind Kind = StopConditionKind.None,
    double Tolerance = 0,
    int Steps = 10,
    int ExitCode = 0)
{
    public static StopConditionSettings None { get; } = new();
}
