using RelayMesos.Mesos.ZooKeeper;
using RelayMesos.TestKit;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

/// <summary>Clients and waits with short, test-friendly timings; every wait is bounded.</summary>
public static class ZooKeeperTestClients
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);

    public static ZooKeeperClientOptions Options(int port, TimeSpan? sessionTimeout = null) => new()
    {
        Servers = [new ZooKeeperServerAddress("127.0.0.1", port)],
        SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(6),
        // Per attempt: a handshake a loaded server leaves unanswered is given up and tried again (ConnectWithinLimitAsync),
        // instead of one silent attempt using up the whole wait.
        ConnectTimeout = TimeSpan.FromSeconds(15),
        RequestTimeout = TimeSpan.FromSeconds(15),
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    public static async Task<ZooKeeperClient> ConnectAsync(int port, TimeSpan? sessionTimeout = null)
    {
        var log = new RecordingLogger();
        var client = new ZooKeeperClient(Options(port, sessionTimeout), log);
        await ConnectWithinLimitAsync(client, log);
        return client;
    }

    /// <summary>
    /// Connects, trying again while the limit lasts: on a loaded machine (a full suite beside a build, load 25) a freshly
    /// started server twice left a first handshake unanswered for a minute. The client's log says what it went through.
    /// </summary>
    public static async Task ConnectWithinLimitAsync(ZooKeeperClient client, RecordingLogger log)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            try
            {
                await client.ConnectAsync(CancellationToken.None);
                return;
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.ConnectionLoss)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new ZooKeeperException(e.Code, $"No session within {WaitLimit}; client log:{Environment.NewLine}" +
                        string.Join(Environment.NewLine, log.Entries.Select(l => $"  {l.Level}: {l.Message}")));
                }
            }
        }
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
