using System.Net;
using System.Net.Sockets;

namespace RelayMesos.Host.Tests.Running;

/// <summary>
/// A port that accepts connections and never answers, as a frozen process's does (the kernel accepts for it). It tells
/// the dials that only connect and hang up (the downing actor's) from everything else, which sends bytes first.
/// </summary>
internal sealed class FrozenListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _silentDials;

    public FrozenListener()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections closed by their client before it sent a byte.</summary>
    public int SilentDials => Volatile.Read(ref _silentDials);

    /// <summary>The process is gone: its port refuses connections from now on.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = HoldAsync(client);
        }
    }

    private async Task HoldAsync(TcpClient client)
    {
        using (client)
        {
            var buffer = new byte[4096];
            var received = 0L;
            try
            {
                int read;
                while ((read = await client.GetStream().ReadAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
                {
                    received += read;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                return;
            }

            if (received == 0)
            {
                Interlocked.Increment(ref _silentDials);
            }
        }
    }
}
