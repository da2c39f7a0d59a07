using System.Globalization;

namespace RelayMesos.EndToEnd.Tests.Failover.Partitioning;

/// <summary>
/// A network partition between relay-mesos processes on one host, made by the <see cref="RemotingProxy"/> in front of each
/// one's Akka remoting port. Every Akka connection ends at the proxy of the node it connects to; that proxy learns which node
/// the connection comes from by its source port: the kernel's socket table (/proc/net/tcp, tcp6) gives the socket's inode,
/// and the one registered process whose /proc/&lt;pid&gt;/fd holds that inode owns it. A link across the cut is closed at
/// once; a new one is accepted and held silent (its bytes read and dropped, nothing forwarded) until the partition heals,
/// then closed so that Akka reconnects on a fresh stream. Akka writes both ways over one connection (passive
/// connections), so cutting the connection cuts both directions. Linux only; reading another process's fd table needs the
/// same user or root (the test starts the processes itself).
/// </summary>
internal sealed class LoopbackPartition
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, string> _nodesByPid = [];
    private readonly List<ProxiedLink> _links = [];
    private HashSet<string> _side = [];
    private HashSet<string> _otherSide = [];

    public void Register(string node, int pid)
    {
        lock (_gate)
        {
            _nodesByPid[pid] = node;
        }
    }

    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _side.Count > 0;
            }
        }
    }

    public bool IsCut(string from, string to)
    {
        lock (_gate)
        {
            return (_side.Contains(from) && _otherSide.Contains(to)) || (_otherSide.Contains(from) && _side.Contains(to));
        }
    }

    /// <summary>Cuts every link between a node of <paramref name="side"/> and one of <paramref name="otherSide"/>.</summary>
    public void Cut(IEnumerable<string> side, IEnumerable<string> otherSide)
    {
        List<ProxiedLink> across;
        lock (_gate)
        {
            _side = [.. side];
            _otherSide = [.. otherSide];
            across = [.. _links.Where(l => l.From is not null && IsCut(l.From, l.To))];
        }

        foreach (var link in across)
        {
            link.Close();
        }
    }

    /// <summary>Ends the partition: held links are closed, and new connections are forwarded again.</summary>
    public void Heal()
    {
        List<ProxiedLink> held;
        lock (_gate)
        {
            _side = [];
            _otherSide = [];
            held = [.. _links.Where(l => l.Held)];
        }

        foreach (var link in held)
        {
            link.Close();
        }
    }

    public void Track(ProxiedLink link)
    {
        lock (_gate)
        {
            _links.Add(link);
        }
    }

    public void Forget(ProxiedLink link)
    {
        lock (_gate)
        {
            _links.Remove(link);
        }
    }

    /// <summary>The registered node whose socket connects from <paramref name="sourcePort"/> to <paramref name="proxyPort"/> on loopback; null if none is found.</summary>
    public string? IdentifyPeer(int sourcePort, int proxyPort)
    {
        var inode = SocketInode(sourcePort, proxyPort);
        if (inode is null)
        {
            return null;
        }

        Dictionary<int, string> nodes;
        lock (_gate)
        {
            nodes = new Dictionary<int, string>(_nodesByPid);
        }

        var wanted = $"socket:[{inode}]";
        foreach (var (pid, node) in nodes)
        {
            try
            {
                if (Directory.EnumerateFiles($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget == wanted))
                {
                    return node;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile, or an fd closed while it was read: not this one.
            }
        }

        return null;
    }

    /// <summary>The inode of the socket whose local port is <paramref name="localPort"/> and remote port <paramref name="remotePort"/>.</summary>
    private static string? SocketInode(int localPort, int remotePort)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && Port(fields[1]) == localPort && Port(fields[2]) == remotePort)
                {
                    return fields[9];
                }
            }
        }

        return null;
    }

    private static int Port(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
