using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

/// <summary>Clients and waits with short, test-friendly timings; every wait is bounded.</summary>
public static class ZooKeeperTestClients
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);

    public static ZooKeeperClientOptions Options(int port, TimeSpan? sessionTimeout = null) => new()
    {
        Servers = [new ZooKeeperServerAddress("127.0.0.1", port)],
        SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(6),
        ConnectTimeout = TimeSpan.FromSeconds(60),
        RequestTimeout = TimeSpan.FromSeconds(15),
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    public static async Task<ZooKeeperClient> ConnectAsync(int port, TimeSpan? sessionTimeout = null)
    {
        var client = new ZooKeeperClient(Options(port, sessionTimeout), NullLogger.Instance);
        await client.ConnectAsync(CancellationToken.None);
        return client;
    }

    public static string UniquePath(string prefix) => $"/{prefix}-{Guid.NewGuid():N}";

    /// <summary>Reads events until one matches; the bounded wait turns a missing event into a failure, not a hang.</summary>
    public static async Task<ZooKeeperWatchEvent> NextEventAsync(
        ZooKeeperClient client, Func<ZooKeeperWatchEvent, bool> match, List<ZooKeeperWatchEvent>? seen = null)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (true)
        {
            var change = await client.Events.ReadAsync(limit.Token);
            seen?.Add(change);
            if (match(change))
            {
                return change;
            }
        }
    }

    public static CancellationToken Limit() => new CancellationTokenSource(WaitLimit).Token;
}
