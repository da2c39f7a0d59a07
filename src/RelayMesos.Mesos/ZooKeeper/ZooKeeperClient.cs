using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>
/// A small ZooKeeper client over the jute wire protocol: one session, kept alive with pings and
/// carried over to the next server of the ensemble on connection loss (with its watches set again);
/// after session expiry a new session starts and <see cref="Events"/> says so. Every request has a
/// timeout, so no call hangs on a dead ensemble.
/// </summary>
public sealed class ZooKeeperClient : IAsyncDisposable
{
    private const int NotificationXid = -1;
    private const int PingXid = -2;
    private const int AuthXid = -4;
    private const int SetWatchesXid = -8;
    private const int SessionPasswordLength = 16;

    private static readonly byte[] PingFrame = new JuteWriter().WriteInt(PingXid).WriteInt((int)ZooKeeperOpCode.Ping).ToFrame();

    private readonly ZooKeeperClientOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<ZooKeeperWatchEvent> _events = Channel.CreateBounded<ZooKeeperWatchEvent>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });

    private readonly ConcurrentDictionary<int, PendingRequest> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopped = new();
    private readonly Lock _gate = new();
    private readonly HashSet<string> _dataWatches = new(StringComparer.Ordinal);
    private readonly HashSet<string> _existWatches = new(StringComparer.Ordinal);
    private readonly HashSet<string> _childWatches = new(StringComparer.Ordinal);

    private TaskCompletionSource<Connection> _connected = NewConnectedSource();
    private Task? _runLoop;
    private long _sessionId;
    private byte[] _sessionPassword = new byte[SessionPasswordLength];
    private long _lastZxid;
    private int _nextXid;
    private int _serverIndex;
    private volatile bool _closing;

    // One warning per loss of ZooKeeper: the first failure since the last connection; the attempts that follow are debug.
    private volatile bool _warnedSinceConnected;

    public ZooKeeperClient(ZooKeeperClientOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Servers.Count == 0)
        {
            throw new ArgumentException("At least one ZooKeeper server is needed.", nameof(options));
        }

        _options = options;
        _logger = logger;
        _serverIndex = Random.Shared.Next(options.Servers.Count);
    }

    /// <summary>Fired watches and session state changes, in the order they happened.</summary>
    public ChannelReader<ZooKeeperWatchEvent> Events => _events.Reader;

    /// <summary>The current session's id, 0 before the first session is established.</summary>
    public long SessionId => Interlocked.Read(ref _sessionId);

    /// <summary>The session timeout the server granted (zero before the first session).</summary>
    public TimeSpan NegotiatedSessionTimeout { get; private set; }

    /// <summary>Starts the session (if not started) and waits until the client is connected.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopped.Token);
        timeout.CancelAfter(_options.ConnectTimeout * _options.Servers.Count + _options.ReconnectDelay);
        try
        {
            await WaitForConnectionAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZooKeeperException(
                ZooKeeperErrorCode.ConnectionLoss,
                $"Could not connect to any ZooKeeper server of {string.Join(',', _options.Servers)}");
        }
    }

    /// <summary>Lists a node's children; with <paramref name="watch"/>, a child watch fires on the next change.</summary>
    public async Task<IReadOnlyList<string>> GetChildrenAsync(string path, bool watch, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync(
            ZooKeeperOpCode.GetChildren2,
            path,
            w => w.WriteString(path).WriteBool(watch),
            watch ? code => RegisterWatch(code == ZooKeeperErrorCode.Ok ? _childWatches : null, path) : null,
            cancellationToken).ConfigureAwait(false);
        return reply.ReadStrings();
    }

    /// <summary>Reads a node's data; with <paramref name="watch"/>, a data watch fires when it changes or is deleted.</summary>
    public async Task<ZooKeeperNodeData> GetDataAsync(string path, bool watch, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync(
            ZooKeeperOpCode.GetData,
            path,
            w => w.WriteString(path).WriteBool(watch),
            watch ? code => RegisterWatch(code == ZooKeeperErrorCode.Ok ? _dataWatches : null, path) : null,
            cancellationToken).ConfigureAwait(false);
        var data = reply.ReadBuffer() ?? [];
        return new ZooKeeperNodeData(data, reply.ReadStat());
    }

    /// <summary>
    /// The node's metadata, or null if it does not exist; with <paramref name="watch"/>, a watch fires
    /// when it is created, changed or deleted.
    /// </summary>
    public async Task<ZooKeeperStat?> ExistsAsync(string path, bool watch, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await RequestAsync(
                ZooKeeperOpCode.Exists,
                path,
                w => w.WriteString(path).WriteBool(watch),
                watch ? code => RegisterWatch(code switch
                {
                    ZooKeeperErrorCode.Ok => _dataWatches,
                    ZooKeeperErrorCode.NoNode => _existWatches,
                    _ => null,
                }, path) : null,
                cancellationToken).ConfigureAwait(false);
            return reply.ReadStat();
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            return null;
        }
    }

    /// <summary>Creates a node open to everyone (world:anyone, all permissions) and returns its actual path.</summary>
    public async Task<string> CreateAsync(string path, byte[] data, ZooKeeperCreateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        const int allPermissions = 31;
        var reply = await RequestAsync(
            ZooKeeperOpCode.Create,
            path,
            w => w.WriteString(path).WriteBuffer(data)
                .WriteInt(1).WriteInt(allPermissions).WriteString("world").WriteString("anyone")
                .WriteInt((int)mode),
            null,
            cancellationToken).ConfigureAwait(false);
        return reply.ReadString() ?? path;
    }

    /// <summary>Deletes a node; <paramref name="version"/> -1 matches any version.</summary>
    public async Task DeleteAsync(string path, int version, CancellationToken cancellationToken) =>
        await RequestAsync(ZooKeeperOpCode.Delete, path, w => w.WriteString(path).WriteInt(version), null, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Closes the session (its ephemeral nodes go at once) and the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        if (_connected.Task.IsCompletedSuccessfully)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.RequestTimeout);
                await SendRequestAsync(_connected.Task.Result, ZooKeeperOpCode.CloseSession, "/", _ => { }, null, timeout.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is ZooKeeperException or OperationCanceledException)
            {
                _logger.LogDebug("Closing ZooKeeper session 0x{SessionId:x} failed: {Reason}", SessionId, e.Message);
            }
        }

        await _stopped.CancelAsync().ConfigureAwait(false);
        if (_runLoop is not null)
        {
            await _runLoop.ConfigureAwait(false);
        }

        FailPending(null, "the client was closed");
        _events.Writer.TryComplete();
        _stopped.Dispose();
        _writeLock.Dispose();
    }

    private static TaskCompletionSource<Connection> NewConnectedSource() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void EnsureStarted()
    {
        ObjectDisposedException.ThrowIf(_closing, this);
        lock (_gate)
        {
            _runLoop ??= Task.Run(RunAsync);
        }
    }

    private async Task<Connection> WaitForConnectionAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource<Connection> connected;
            lock (_gate)
            {
                connected = _connected;
            }

            var connection = await connected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!connection.Token.IsCancellationRequested)
            {
                return connection;
            }

            await Task.Yield();
        }
    }

    private async Task<JuteReader> RequestAsync(
        ZooKeeperOpCode op,
        string path,
        Action<JuteWriter> writeBody,
        Action<ZooKeeperErrorCode>? onReply,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        EnsureStarted();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopped.Token);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            var connection = await WaitForConnectionAsync(timeout.Token).ConfigureAwait(false);
            return await SendRequestAsync(connection, op, path, writeBody, onReply, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw _stopped.IsCancellationRequested
                ? new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, $"{op} {path}: the client was closed")
                : new ZooKeeperException(
                    ZooKeeperErrorCode.RequestTimeout,
                    $"{op} {path}: no reply within {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
    }

    private async Task<JuteReader> SendRequestAsync(
        Connection connection,
        ZooKeeperOpCode op,
        string path,
        Action<JuteWriter> writeBody,
        Action<ZooKeeperErrorCode>? onReply,
        CancellationToken cancellationToken)
    {
        var xid = Interlocked.Increment(ref _nextXid);
        var writer = new JuteWriter().WriteInt(xid).WriteInt((int)op);
        writeBody(writer);
        var pending = new PendingRequest(connection, onReply);
        _pending[xid] = pending;
        try
        {
            await SendAsync(connection, writer.ToFrame(), cancellationToken).ConfigureAwait(false);
            var (code, reply) = await pending.Reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return code == ZooKeeperErrorCode.Ok ? reply : throw new ZooKeeperException(code, $"{op} {path} failed");
        }
        finally
        {
            _pending.TryRemove(xid, out _);
        }
    }

    private async Task SendAsync(Connection connection, byte[] frame, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Token);
        try
        {
            await _writeLock.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw ConnectionLost(connection, null);
        }

        try
        {
            // Only the connection's end may interrupt a write: a frame cut short would garble the stream.
            await connection.Stream.WriteAsync(frame, connection.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            connection.Abort();
            throw ConnectionLost(connection, e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static ZooKeeperException ConnectionLost(Connection connection, Exception? cause) =>
        cause is null
            ? new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, $"Lost the connection to ZooKeeper {connection.Server}")
            : new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, $"Lost the connection to ZooKeeper {connection.Server}", cause);

    private async Task RunAsync()
    {
        var failures = 0;
        while (!_closing)
        {
            var server = _options.Servers[_serverIndex];
            _serverIndex = (_serverIndex + 1) % _options.Servers.Count;
            Connection? connection;
            try
            {
                connection = await OpenAsync(server).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or ZooKeeperException or OperationCanceledException)
            {
                if (_closing)
                {
                    return;
                }

                if (_warnedSinceConnected)
                {
                    _logger.LogDebug("Could not connect to ZooKeeper {Server}: {Reason}", server, e.Message);
                }
                else
                {
                    _warnedSinceConnected = true;
                    _logger.LogWarning("Could not connect to ZooKeeper {Server}: {Reason}; retrying.", server, e.Message.TrimEnd().TrimEnd('.'));
                }

                if (++failures % _options.Servers.Count == 0)
                {
                    await DelayUnlessStoppedAsync(_options.ReconnectDelay).ConfigureAwait(false);
                }

                continue;
            }

            if (connection is null)
            {
                continue; // the session expired: a new one is started at once
            }

            failures = 0;
            await ServeAsync(connection).ConfigureAwait(false);
        }
    }

    private async Task DelayUnlessStoppedAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopped.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping: the caller's loop condition ends it
        }
    }

    /// <summary>Opens a TCP connection and performs the session handshake; null if the session had expired.</summary>
    private async Task<Connection?> OpenAsync(ZooKeeperServerAddress server)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopped.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(server.Host, server.Port, timeout.Token).ConfigureAwait(false);
            var stream = tcp.GetStream();
            var previousSession = SessionId;
            var request = new JuteWriter()
                .WriteInt(0)
                .WriteLong(Interlocked.Read(ref _lastZxid))
                .WriteInt((int)_options.SessionTimeout.TotalMilliseconds)
                .WriteLong(previousSession)
                .WriteBuffer(_sessionPassword)
                .WriteBool(false);
            await stream.WriteAsync(request.ToFrame(), timeout.Token).ConfigureAwait(false);
            var reply = new JuteReader(await ReadFrameAsync(stream, timeout.Token).ConfigureAwait(false));
            _ = reply.ReadInt(); // protocol version
            var negotiatedMs = reply.ReadInt();
            var sessionId = reply.ReadLong();
            var password = reply.ReadBuffer() ?? [];
            if (negotiatedMs <= 0)
            {
                tcp.Dispose();
                OnSessionExpired(previousSession);
                return null;
            }

            var connection = new Connection(server, tcp, stream, _stopped.Token);
            Interlocked.Exchange(ref _sessionId, sessionId);
            _sessionPassword = password;
            NegotiatedSessionTimeout = TimeSpan.FromMilliseconds(negotiatedMs);
            if (previousSession != 0 && previousSession != sessionId)
            {
                ClearWatches();
            }

            _warnedSinceConnected = false;
            _logger.LogInformation(
                "Connected to ZooKeeper {Server}, session 0x{SessionId:x} ({Kind}), timeout {TimeoutMs} ms",
                server, sessionId, previousSession == sessionId ? "resumed" : "new", negotiatedMs);
            return connection;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    private void LostConnection(Connection connection, string reason)
    {
        if (_warnedSinceConnected)
        {
            _logger.LogDebug("Lost the connection to ZooKeeper {Server}: {Reason}", connection.Server, reason);
            return;
        }

        _warnedSinceConnected = true;
        _logger.LogWarning("Lost the connection to ZooKeeper {Server}: {Reason}; reconnecting.", connection.Server, reason.TrimEnd().TrimEnd('.'));
    }

    private void OnSessionExpired(long expiredSession)
    {
        _logger.LogWarning("ZooKeeper session 0x{SessionId:x} expired; starting a new session", expiredSession);
        Interlocked.Exchange(ref _sessionId, 0);
        _sessionPassword = new byte[SessionPasswordLength];

        // A new session starts afresh; a stale zxid would make a server refuse it.
        Interlocked.Exchange(ref _lastZxid, 0);
        ClearWatches();
        _events.Writer.TryWrite(new ZooKeeperWatchEvent(ZooKeeperEventType.None, ZooKeeperSessionState.Expired, null));
    }

    private void ClearWatches()
    {
        lock (_gate)
        {
            _dataWatches.Clear();
            _existWatches.Clear();
            _childWatches.Clear();
        }
    }

    private async Task ServeAsync(Connection connection)
    {
        try
        {
            if (_options.Credentials is { } credentials)
            {
                var auth = new JuteWriter().WriteInt(AuthXid).WriteInt((int)ZooKeeperOpCode.Auth)
                    .WriteInt(0).WriteString("digest").WriteBuffer(Encoding.UTF8.GetBytes(credentials.AuthText));
                await SendAsync(connection, auth.ToFrame(), CancellationToken.None).ConfigureAwait(false);
            }

            if (SetWatchesFrame() is { } setWatches)
            {
                await SendAsync(connection, setWatches, CancellationToken.None).ConfigureAwait(false);
            }

            var reader = ReadLoopAsync(connection);
            var pinger = PingLoopAsync(connection);
            lock (_gate)
            {
                _connected.TrySetResult(connection);
            }

            _events.Writer.TryWrite(new ZooKeeperWatchEvent(ZooKeeperEventType.None, ZooKeeperSessionState.SyncConnected, null));
            await Task.WhenAny(reader, pinger).ConfigureAwait(false);
            connection.Abort();
            await Task.WhenAll(reader, pinger).ConfigureAwait(false);
        }
        catch (ZooKeeperException e)
        {
            if (!_closing)
            {
                LostConnection(connection, e.Message);
            }
        }
        finally
        {
            connection.Abort();
            lock (_gate)
            {
                if (_connected.Task.IsCompleted)
                {
                    _connected = NewConnectedSource();
                }
            }

            FailPending(connection, $"the connection to ZooKeeper {connection.Server} was lost");
            if (!_closing)
            {
                _events.Writer.TryWrite(new ZooKeeperWatchEvent(ZooKeeperEventType.None, ZooKeeperSessionState.Disconnected, null));
            }
        }
    }

    private byte[]? SetWatchesFrame()
    {
        lock (_gate)
        {
            if (_dataWatches.Count + _existWatches.Count + _childWatches.Count == 0)
            {
                return null;
            }

            return new JuteWriter().WriteInt(SetWatchesXid).WriteInt((int)ZooKeeperOpCode.SetWatches)
                .WriteLong(Interlocked.Read(ref _lastZxid))
                .WriteStrings(_dataWatches.ToArray())
                .WriteStrings(_existWatches.ToArray())
                .WriteStrings(_childWatches.ToArray())
                .ToFrame();
        }
    }

    private async Task PingLoopAsync(Connection connection)
    {
        var interval = NegotiatedSessionTimeout / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, connection.Token).ConfigureAwait(false);
                await SendAsync(connection, PingFrame, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the connection closed; ServeAsync cleans up
        }
        catch (ZooKeeperException e)
        {
            _logger.LogDebug("Ping to ZooKeeper {Server} failed: {Reason}", connection.Server, e.Message);
        }
    }

    private async Task ReadLoopAsync(Connection connection)
    {
        // With pings every third of the timeout, silence for two thirds means the server is gone.
        var readTimeout = NegotiatedSessionTimeout * 2 / 3;
        try
        {
            while (true)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Token);
                timeout.CancelAfter(readTimeout);
                var frame = await ReadFrameAsync(connection.Stream, timeout.Token).ConfigureAwait(false);
                Dispatch(new JuteReader(frame));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or ZooKeeperException or OperationCanceledException)
        {
            if (!connection.Token.IsCancellationRequested && !_closing)
            {
                var reason = e is OperationCanceledException ? $"no data for {readTimeout.TotalMilliseconds:0} ms" : e.Message;
                LostConnection(connection, reason);
            }
        }
    }

    private void Dispatch(JuteReader frame)
    {
        var xid = frame.ReadInt();
        var zxid = frame.ReadLong();
        var code = (ZooKeeperErrorCode)frame.ReadInt();
        if (zxid > 0 && xid != NotificationXid)
        {
            InterlockedMax(ref _lastZxid, zxid);
        }

        switch (xid)
        {
            case NotificationXid:
                var type = (ZooKeeperEventType)frame.ReadInt();
                var state = (ZooKeeperSessionState)frame.ReadInt();
                var path = frame.ReadString();
                ForgetFiredWatch(type, path);
                _events.Writer.TryWrite(new ZooKeeperWatchEvent(type, state, path));
                break;
            case PingXid:
                break;
            case AuthXid when code != ZooKeeperErrorCode.Ok:
                _logger.LogError(
                    "ZooKeeper rejected the digest credentials of user {User} ({Code})", _options.Credentials?.User, code);
                _events.Writer.TryWrite(new ZooKeeperWatchEvent(ZooKeeperEventType.None, ZooKeeperSessionState.AuthFailed, null));
                break;
            case AuthXid:
                break;
            case SetWatchesXid:
                if (code != ZooKeeperErrorCode.Ok)
                {
                    _logger.LogWarning("ZooKeeper refused to restore watches ({Code})", code);
                }

                break;
            default:
                if (_pending.TryGetValue(xid, out var pending))
                {
                    pending.OnReply?.Invoke(code);
                    pending.Reply.TrySetResult((code, frame));
                }

                break;
        }
    }

    private void RegisterWatch(HashSet<string>? watches, string path)
    {
        if (watches is null)
        {
            return;
        }

        lock (_gate)
        {
            watches.Add(path);
        }
    }

    private void ForgetFiredWatch(ZooKeeperEventType type, string? path)
    {
        if (path is null)
        {
            return;
        }

        lock (_gate)
        {
            switch (type)
            {
                case ZooKeeperEventType.NodeChildrenChanged:
                    _childWatches.Remove(path);
                    break;
                case ZooKeeperEventType.NodeCreated or ZooKeeperEventType.NodeDataChanged:
                    _dataWatches.Remove(path);
                    _existWatches.Remove(path);
                    break;
                case ZooKeeperEventType.NodeDeleted:
                    _dataWatches.Remove(path);
                    _existWatches.Remove(path);
                    _childWatches.Remove(path);
                    break;
            }
        }
    }

    private void FailPending(Connection? connection, string reason)
    {
        foreach (var (_, pending) in _pending)
        {
            if (connection is null || pending.Connection == connection)
            {
                pending.Reply.TrySetException(new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, $"Request aborted: {reason}"));
            }
        }
    }

    private async Task<byte[]> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[4];
        await stream.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length < 0 || length > _options.MaxFrameBytes)
        {
            throw new ZooKeeperException(
                ZooKeeperErrorCode.MarshallingError,
                $"ZooKeeper sent a frame of {length} bytes; the limit is {_options.MaxFrameBytes}");
        }

        var frame = new byte[length];
        await stream.ReadExactlyAsync(frame, cancellationToken).ConfigureAwait(false);
        return frame;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class Connection(ZooKeeperServerAddress server, TcpClient tcp, NetworkStream stream, CancellationToken stopped)
    {
        private readonly CancellationTokenSource _lifetime = CancellationTokenSource.CreateLinkedTokenSource(stopped);

        public ZooKeeperServerAddress Server => server;

        public NetworkStream Stream => stream;

        public CancellationToken Token => _lifetime.Token;

        public void Abort()
        {
            try
            {
                _lifetime.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // already aborted
            }

            tcp.Dispose();
        }
    }

    private sealed record PendingRequest(Connection Connection, Action<ZooKeeperErrorCode>? OnReply)
    {
        public TaskCompletionSource<(ZooKeeperErrorCode Code, JuteReader Body)> Reply { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
