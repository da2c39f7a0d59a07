using System.Runtime.InteropServices;

namespace RelayMesos.Host.Cli;

/// <summary>
/// SIGINT and SIGTERM cancel the command's token: the command stops in order and its own exit code stands (0 for a
/// clean stop). The token is cancelled on a thread of its own, never inside the signal's handler: System.CommandLine's
/// handler ran the command's whole shutdown inside it when a signal cancelled a start-up, and the process then ended
/// with SIGTERM's 143 before the handler returned. A second signal ends the process at once, as a second Ctrl+C does
/// in most tools: whoever sends it means it.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public StopSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _received) == 1)
        {
            _ = Task.Run(_stop.Cancel);
            return;
        }

        Environment.Exit(context.Signal == PosixSignal.SIGINT ? 130 : 143);
    }
}
