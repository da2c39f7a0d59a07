using Microsoft.Extensions.Logging;
using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Mesos.Detection;

/// <summary>
/// Finds the leading Mesos master in ZooKeeper, as Mesos' own detector does: the child
/// <c>json.info_&lt;seq&gt;</c> of the URL's path with the lowest sequence number, whose data is the
/// master's <c>MasterInfo</c> JSON. A child watch keeps the answer current across leader changes,
/// reconnects and session expiry. The detector starts watching when it is constructed.
/// </summary>
public sealed class ZooKeeperMasterDetector : IMasterDetector
{
    private readonly ZooKeeperUrl _url;
    private readonly ZooKeeperMasterDetectorSettings _settings;
    private readonly ILogger _logger;
    private readonly ZooKeeperClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Task _watchLoop;
    private Uri? _leader;
    private string? _leaderNode;
    private TaskCompletionSource _leaderChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public ZooKeeperMasterDetector(ZooKeeperUrl url, ILogger logger, ZooKeeperMasterDetectorSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(logger);
        _url = url;
        _logger = logger;
        _settings = settings ?? new ZooKeeperMasterDetectorSettings();
        _client = new ZooKeeperClient(
            new ZooKeeperClientOptions
            {
                Servers = url.Servers,
                Credentials = url.Credentials,
                SessionTimeout = _settings.SessionTimeout,
                ConnectTimeout = _settings.ConnectTimeout,
                RequestTimeout = _settings.RequestTimeout,
                ReconnectDelay = _settings.RetryDelay,
            },
            logger);
        _watchLoop = Task.Run(WatchAsync);
    }

    /// <summary>The leading master's base URI, or null while none is known.</summary>
    public Uri? CurrentLeader
    {
        get
        {
            lock (_gate)
            {
                return _leader;
            }
        }
    }

    /// <summary>Waits until a leader is known and returns it as the only master to try.</summary>
    public async Task<IReadOnlyList<Uri>> DetectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (leader, changed) = Snapshot();
            if (leader is not null)
            {
                return [leader];
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until the leader differs from <paramref name="current"/> and returns the new one
    /// (null if the group has no readable leader at the moment).
    /// </summary>
    public async Task<Uri?> WaitForLeaderChangeAsync(Uri? current, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (leader, changed) = Snapshot();
            if (leader != current)
            {
                return leader;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes once the leader is another than the one <paramref name="detected"/> names.</summary>
    public Task WaitForChangeAsync(IReadOnlyList<Uri> detected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detected);
        return WaitForLeaderChangeAsync(detected.Count > 0 ? detected[0] : null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _watchLoop.ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private (Uri? Leader, Task Changed) Snapshot()
    {
        lock (_gate)
        {
            return (_leader, _leaderChanged.Task);
        }
    }

    private async Task WatchAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await ReadGroupAsync(token).ConfigureAwait(false);
                await WaitForRelevantEventAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (ZooKeeperException e)
            {
                _logger.LogWarning("Reading the Mesos masters under {Url} failed, retrying: {Reason}", _url, e.Message);
                try
                {
                    await Task.Delay(_settings.RetryDelay, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ReadGroupAsync(CancellationToken cancellationToken)
    {
        // Drop what is queued: this read sees at least everything those events announced.
        while (_client.Events.TryRead(out _))
        {
        }

        IReadOnlyList<string> children;
        try
        {
            children = await _client.GetChildrenAsync(_url.Path, watch: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            // The path appears when the first master registers; an exists-watch says when.
            if (await _client.ExistsAsync(_url.Path, watch: true, cancellationToken).ConfigureAwait(false) is null)
            {
                SetLeader(null, null, $"the znode {_url.Path} does not exist yet");
                return;
            }

            children = await _client.GetChildrenAsync(_url.Path, watch: true, cancellationToken).ConfigureAwait(false);
        }

        var leaderNode = MesosMasterGroup.SelectLeader(children);
        if (leaderNode is null)
        {
            SetLeader(null, null, $"no Mesos master is registered under {_url.Path}");
            return;
        }

        var nodePath = $"{_url.Path}/{leaderNode}";
        ZooKeeperNodeData node;
        try
        {
            node = await _client.GetDataAsync(nodePath, watch: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            return; // the leader left between the two reads; the child watch has fired already
        }

        Uri leader;
        try
        {
            leader = MesosMasterInfoJson.ParseBaseUri(node.Data);
        }
        catch (FormatException e)
        {
            _logger.LogError("The leading Mesos master's znode {Node} does not hold usable MasterInfo JSON: {Reason}", nodePath, e.Message);
            SetLeader(null, leaderNode, $"the leader's znode {nodePath} is unreadable");
            return;
        }

        SetLeader(leader, leaderNode, null);
    }

    private async Task WaitForRelevantEventAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var change = await _client.Events.ReadAsync(cancellationToken).ConfigureAwait(false);

            // While disconnected the last leader stays the best guess; the reconnect brings a re-read.
            if (change.State != ZooKeeperSessionState.Disconnected)
            {
                return;
            }
        }
    }

    private void SetLeader(Uri? leader, string? leaderNode, string? whyNone)
    {
        TaskCompletionSource? changed = null;
        lock (_gate)
        {
            if (leader != _leader || leaderNode != _leaderNode)
            {
                _leader = leader;
                _leaderNode = leaderNode;
                changed = _leaderChanged;
                _leaderChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (changed is null)
        {
            return;
        }

        if (leader is not null)
        {
            _logger.LogInformation("Leading Mesos master is {Leader} ({Node})", leader, leaderNode);
        }
        else
        {
            _logger.LogWarning("No leading Mesos master known: {Reason}", whyNone);
        }

        changed.TrySetResult();
    }
}
