namespace RelayMesos.Host.Cli;

/// <summary>A request to a running deployment failed; the message is one line for the operator, with the exit code it warrants.</summary>
public sealed class OperatorRequestException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
