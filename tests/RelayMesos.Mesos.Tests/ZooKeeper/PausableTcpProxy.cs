using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

/// <summary>
/// A loopback TCP forwarder that can cut every connection and refuse new ones for a while: a network
/// partition between a client and its ZooKeeper server, without touching the server.
/// </summary>
public sealed class PausableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _sockets = new();
    private readonly Task _acceptLoop;
    private volatile bool _paused;

    public PausableTcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Pause()
    {
        _paused = true;
        foreach (var socket in _sockets.Keys)
        {
            socket.Dispose();
        }

        _sockets.Clear();
    }

    public void Resume() => _paused = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Pause();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_paused)
            {
                inbound.Dispose();
                continue;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            _sockets[inbound] = 0;
            _sockets[outbound] = 0;
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // either side went away
        }
        finally
        {
            from.Dispose();
            to.Dispose();
            _sockets.TryRemove(from, out _);
            _sockets.TryRemove(to, out _);
        }
    }
}
