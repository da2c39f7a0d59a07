using System.Net.Sockets;

namespace RelayMesos.EndToEnd.Tests.Failover.Partitioning;

/// <summary>One TCP connection through a <see cref="RemotingProxy"/>: from a node (null when unidentified) to the proxy's node.</summary>
internal sealed class ProxiedLink(string? from, string to, Socket inbound, Socket? outbound)
{
    private int _closed;

    public string? From { get; } = from;

    public string To { get; } = to;

    /// <summary>Accepted during a partition across the cut: read and dropped, never forwarded.</summary>
    public bool Held => Outbound is null;

    public Socket Inbound { get; } = inbound;

    public Socket? Outbound { get; } = outbound;

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        Inbound.Dispose();
        Outbound?.Dispose();
    }
}
