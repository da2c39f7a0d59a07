using System.Globalization;

namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>
/// A Mesos-style ZooKeeper URL: <c>zk://[user:password@]host1:port1,host2:port2/path</c>. The port
/// defaults to 2181; the path must name a node below the root. <see cref="ToString"/> hides the password.
/// </summary>
public sealed record ZooKeeperUrl
{
    public const int DefaultPort = 2181;

    private const string Scheme = "zk://";

    private ZooKeeperUrl(IReadOnlyList<ZooKeeperServerAddress> servers, string path, ZooKeeperDigestCredentials? credentials)
    {
        Servers = servers;
        Path = path;
        Credentials = credentials;
    }

    public IReadOnlyList<ZooKeeperServerAddress> Servers { get; }

    /// <summary>The znode under which the masters register, e.g. <c>/mesos</c>.</summary>
    public string Path { get; }

    public ZooKeeperDigestCredentials? Credentials { get; }

    /// <summary>True if <paramref name="text"/> is meant as a ZooKeeper URL (whether or not it is a valid one).</summary>
    public static bool IsZooKeeperUrl(string? text) =>
        text is not null && text.TrimStart().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a <c>zk://</c> URL; a malformed one gives a <see cref="FormatException"/> that says what is wrong.</summary>
    public static ZooKeeperUrl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!IsZooKeeperUrl(trimmed))
        {
            throw Invalid(trimmed, "it must start with zk://");
        }

        var rest = trimmed[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw Invalid(trimmed, "it has no path; the masters' znode is needed, e.g. zk://zk1:2181/mesos");
        }

        var authority = rest[..slash];
        var path = rest[slash..];

        ZooKeeperDigestCredentials? credentials = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            credentials = ParseCredentials(trimmed, authority[..at]);
            authority = authority[(at + 1)..];
        }

        var servers = authority.Split(',').Select(host => ParseServer(trimmed, host.Trim())).ToArray();
        ValidatePath(trimmed, path);
        return new ZooKeeperUrl(servers, path, credentials);
    }

    public override string ToString()
    {
        var credentials = Credentials is null ? string.Empty : $"{Credentials}@";
        return $"{Scheme}{credentials}{string.Join(',', Servers)}{Path}";
    }

    private static ZooKeeperDigestCredentials ParseCredentials(string url, string userInfo)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Invalid(url, "credentials must be user:password before the @");
        }

        return new ZooKeeperDigestCredentials(Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    private static ZooKeeperServerAddress ParseServer(string url, string server)
    {
        if (server.Length == 0)
        {
            throw Invalid(url, "a server in the host list is empty");
        }

        string host;
        string? port;
        if (server.StartsWith('['))
        {
            var close = server.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Invalid(url, $"server '{server}' has an unclosed [");
            }

            host = server[1..close];
            var after = server[(close + 1)..];
            if (after.Length > 0 && !after.StartsWith(':'))
            {
                throw Invalid(url, $"server '{server}' has text after the ]");
            }

            port = after.Length > 0 ? after[1..] : null;
        }
        else
        {
            var colon = server.LastIndexOf(':');
            host = colon < 0 ? server : server[..colon];
            port = colon < 0 ? null : server[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
        {
            throw Invalid(url, $"server '{server}' has no valid host name");
        }

        var portNumber = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
        {
            throw Invalid(url, $"server '{server}' has port '{port}', expected a number from 1 to 65535");
        }

        return new ZooKeeperServerAddress(host, portNumber);
    }

    private static void ValidatePath(string url, string path)
    {
        if (path == "/")
        {
            throw Invalid(url, "the path must not be the root '/'; use the masters' znode, e.g. /mesos");
        }

        if (path.EndsWith('/'))
        {
            throw Invalid(url, $"the path '{path}' must not end with '/'");
        }

        foreach (var segment in path[1..].Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.Any(c => char.IsControl(c)))
            {
                throw Invalid(url, $"the path '{path}' has an empty, '.', '..' or control-character segment");
            }
        }
    }

    private static FormatException Invalid(string url, string reason) =>
        new($"Invalid ZooKeeper URL '{Redact(url)}': {reason}.");

    /// <summary>The URL with the password of its credentials, if any, masked: safe to print.</summary>
    public static string Redact(string url)
    {
        var start = url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? Scheme.Length : 0;
        var slash = url.IndexOf('/', start);
        var authorityEnd = slash < 0 ? url.Length : slash;
        if (authorityEnd <= start)
        {
            return url;
        }

        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - start);
        if (at < 0)
        {
            return url;
        }

        var colon = url.IndexOf(':', start, at - start);
        return colon < 0 ? url : string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at));
    }
}
