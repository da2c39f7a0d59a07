using System.Net;
using System.Net.Sockets;

namespace RelayMesos.EndToEnd.Tests.Failover.Partitioning;

/// <summary>
/// A TCP proxy in front of one node's Akka remoting port: the node binds its real port and advertises this one
/// (<c>akka.remote.dot-netty.tcp.public-port</c>), so every connection to it passes here and the
/// <see cref="LoopbackPartition"/> decides whether it is forwarded.
/// </summary>
internal sealed class RemotingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _node;
    private readonly int _targetPort;
    private readonly LoopbackPartition _partition;

    public RemotingProxy(string node, int targetPort, LoopbackPartition partition)
    {
        _node = node;
        _targetPort = targetPort;
        _partition = partition;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    /// <summary>The node's own remoting port, where the proxy forwards to.</summary>
    public int TargetPort => _targetPort;

    /// <summary>The port the node advertises and the others connect to.</summary>
    public int Port { get; }

    public void Dispose() => _listener.Stop();

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket inbound;
            try
            {
                inbound = await _listener.AcceptSocketAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(inbound);
        }
    }

    private async Task ServeAsync(Socket inbound)
    {
        var from = await IdentifyAsync(((IPEndPoint)inbound.RemoteEndPoint!).Port);
        // While a partition is on, a connection whose origin is unknown is held too: leaking one would heal the cut.
        var held = from is null ? _partition.IsActive : _partition.IsCut(from, _node);
        Socket? outbound = null;
        if (!held)
        {
            outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort);
            }
            catch (SocketException)
            {
                outbound.Dispose();
                inbound.Dispose();
                return;
            }
        }

        var link = new ProxiedLink(from, _node, inbound, outbound);
        _partition.Track(link);
        try
        {
            if (outbound is null)
            {
                await DrainAsync(inbound);
            }
            else
            {
                await Task.WhenAny(PumpAsync(inbound, outbound), PumpAsync(outbound, inbound));
            }
        }
        finally
        {
            link.Close();
            _partition.Forget(link);
        }
    }

    /// <summary>The socket table may lag the accept by a moment: a few tries before the origin counts as unknown.</summary>
    private async Task<string?> IdentifyAsync(int sourcePort)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (_partition.IdentifyPeer(sourcePort, Port) is { } node)
            {
                return node;
            }

            await Task.Delay(25);
        }

        return null;
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The link was cut or one side went away.
        }
    }

    private static async Task DrainAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed on heal.
        }
    }
}
