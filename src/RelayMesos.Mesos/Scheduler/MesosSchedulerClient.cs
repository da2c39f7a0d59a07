using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.RecordIO;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Mesos.Scheduler;

/// <summary>
/// A Mesos v1 scheduler HTTP API client: keeps one SUBSCRIBE stream open (finding the leader,
/// following redirects, watching heartbeats, resubscribing with backoff) and sends every other call
/// on a separate connection with the stream's <c>Mesos-Stream-Id</c>.
/// </summary>
public sealed class MesosSchedulerClient : IAsyncDisposable
{
    public const string StreamIdHeader = "Mesos-Stream-Id";

    /// <summary>The backoff attempt reached at most while a master answers: min·2² (2 s with the default 0.5 s).</summary>
    private const int ElectionAttemptCap = 2;

    private readonly MesosSchedulerSettings _settings;
    private readonly IMasterDetector _detector;
    private readonly ILogger _logger;
    private readonly MesosMessageCodec _codec;
    private readonly HttpClient _streamClient;
    private readonly HttpClient _callClient;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>Every master's answer in the current round, for its one warning.</summary>
    private readonly List<string> _roundProblems = [];
    private volatile Session? _session;
    private FrameworkID? _frameworkId;
    private IReadOnlyList<Uri>? _lastDetected;
    private bool _masterAnsweredThisRound;
    private bool _warnedSinceSubscribed;
    private bool _roundReportedSinceSubscribed;

    public MesosSchedulerClient(
        MesosSchedulerSettings settings, IMasterDetector detector, ILogger<MesosSchedulerClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(detector);
        _settings = settings;
        _detector = detector;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _codec = new MesosMessageCodec(settings.ContentType);
        _authorization = BasicAuthorization(settings);

        var ca = settings.CaCertificateFile is null
            ? null
            : X509CertificateLoader.LoadCertificateFromFile(settings.CaCertificateFile);

        // Two handlers, so SUBSCRIBE and the other calls never share a connection (the master requires it).
        _streamClient = new HttpClient(CreateHandler(ca), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _callClient = new HttpClient(CreateHandler(ca), disposeHandler: true) { Timeout = settings.RequestTimeout };
    }

    /// <summary>The id the master assigned; set after the first SUBSCRIBED and reused on resubscription.</summary>
    public FrameworkID? FrameworkId => _frameworkId;

    /// <summary>The master holding the current stream, or null while disconnected.</summary>
    public Uri? CurrentMaster => _session?.Master;

    /// <summary>
    /// Subscribes and yields every event (SUBSCRIBED, HEARTBEAT and the rest) across reconnections.
    /// The sequence ends after an ERROR event, which Mesos sends when the framework must not go on
    /// (failed over elsewhere, removed, unauthorised).
    /// </summary>
    /// <exception cref="MesosCallException">A master refused SUBSCRIBE for a reason retrying cannot fix.</exception>
    public async IAsyncEnumerable<Event> SubscribeAsync(
        FrameworkInfo frameworkInfo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frameworkInfo);
        if (frameworkInfo.Id is not null)
        {
            _frameworkId = frameworkInfo.Id.Clone();
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var loop = Task.Run(() => RunAsync(frameworkInfo.Clone(), events.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var evt in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return evt;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Sends one non-SUBSCRIBE call to the master holding the stream.</summary>
    /// <exception cref="InvalidOperationException">No subscription is established.</exception>
    /// <exception cref="MesosCallException">The master did not accept the call.</exception>
    public async Task SendAsync(Call call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Type == Call.Types.Type.Subscribe)
        {
            throw new ArgumentException("SUBSCRIBE goes through SubscribeAsync.", nameof(call));
        }

        var session = _session ?? throw new InvalidOperationException("Not subscribed to a Mesos master.");
        call.FrameworkId ??= session.FrameworkId.Clone();
        using var request = CreateRequest(session.Endpoint, call);
        request.Headers.Add(StreamIdHeader, session.StreamId);
        using var response = await _callClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var expected = call.Type == Call.Types.Type.UpdateFramework ? HttpStatusCode.OK : HttpStatusCode.Accepted;
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new MesosCallException(response.StatusCode, body.Trim(), call.Type.ToString());
        }
    }

    public Task AcceptAsync(
        IEnumerable<OfferID> offerIds, IEnumerable<Offer.Types.Operation> operations, Filters? filters = null,
        CancellationToken cancellationToken = default)
    {
        var accept = new Call.Types.Accept { OfferIds = { offerIds }, Operations = { operations }, Filters = filters };
        return SendAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept }, cancellationToken);
    }

    public Task DeclineAsync(IEnumerable<OfferID> offerIds, Filters? filters = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Call { Type = Call.Types.Type.Decline, Decline = new Call.Types.Decline { OfferIds = { offerIds }, Filters = filters } },
            cancellationToken);

    public Task ReviveAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive { Roles = { roles ?? [] } } },
            cancellationToken);

    public Task SuppressAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Call { Type = Call.Types.Type.Suppress, Suppress = new Call.Types.Suppress { Roles = { roles ?? [] } } },
            cancellationToken);

    public Task KillAsync(TaskID taskId, AgentID? agentId = null, KillPolicy? killPolicy = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Call
            {
                Type = Call.Types.Type.Kill,
                Kill = new Call.Types.Kill { TaskId = taskId, AgentId = agentId, KillPolicy = killPolicy },
            },
            cancellationToken);

    /// <summary>Acknowledges an update; only updates carrying a uuid may be acknowledged.</summary>
    public Task AcknowledgeAsync(TaskStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!status.HasUuid)
        {
            throw new ArgumentException("Updates without a uuid come from the master and must not be acknowledged.", nameof(status));
        }

        return SendAsync(
            new Call
            {
                Type = Call.Types.Type.Acknowledge,
                Acknowledge = new Call.Types.Acknowledge { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid },
            },
            cancellationToken);
    }

    /// <summary>Explicit reconciliation of the given tasks, or implicit reconciliation when empty.</summary>
    public Task ReconcileAsync(IEnumerable<Call.Types.Reconcile.Types.Task> tasks, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile { Tasks = { tasks } } },
            cancellationToken);

    public Task TeardownAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new Call { Type = Call.Types.Type.Teardown }, cancellationToken);

    public Task MessageAsync(AgentID agentId, ExecutorID executorId, ByteString data, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Call
            {
                Type = Call.Types.Type.Message,
                Message = new Call.Types.Message { AgentId = agentId, ExecutorId = executorId, Data = data },
            },
            cancellationToken);

    public Task RequestAsync(IEnumerable<Request> requests, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Call { Type = Call.Types.Type.Request, Request = new Call.Types.Request { Requests = { requests } } },
            cancellationToken);

    public Task ShutdownAsync(ExecutorID executorId, AgentID agentId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Call
            {
                Type = Call.Types.Type.Shutdown,
                Shutdown = new Call.Types.Shutdown { ExecutorId = executorId, AgentId = agentId },
            },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _streamClient.Dispose();
        _callClient.Dispose();
        _disposed.Dispose();
    }

    private async Task RunAsync(FrameworkInfo frameworkInfo, ChannelWriter<Event> events, CancellationToken stop)
    {
        var attempt = 0;
        var leaderChanged = false;
        try
        {
            while (true)
            {
                stop.ThrowIfCancellationRequested();
                var outcome = await SubscribeToAnyMasterAsync(frameworkInfo, events, stop).ConfigureAwait(false);
                if (outcome == StreamOutcome.Error)
                {
                    events.TryComplete();
                    return;
                }

                // A new leader starts a new series: it may still be recovering (503) when ZooKeeper names it, and the
                // backoff grown against the dead one would keep the framework away for seconds after it is ready. While
                // masters answer (a redirect to a leader that is gone, 503) an election is under way and ends within
                // seconds: the backoff stays short; only masters that all refuse connections push it to its maximum.
                attempt = outcome == StreamOutcome.WasSubscribed || leaderChanged ? 0 : attempt + 1;
                if (_masterAnsweredThisRound)
                {
                    attempt = Math.Min(attempt, ElectionAttemptCap);
                }

                var delay = ReconnectBackoff.Delay(attempt, _settings.BackoffMin, _settings.BackoffMax, Random.Shared.NextDouble());
                _logger.LogDebug("Resubscribing to Mesos in {Delay} (attempt {Attempt})", delay, attempt + 1);
                leaderChanged = await WaitBeforeRetryAsync(delay, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            events.TryComplete();
        }
        catch (Exception e)
        {
            events.TryComplete(e);
        }
        finally
        {
            _session = null;
        }
    }

    /// <summary>
    /// The backoff, cut short when the detector names another leader: after a master failover the backoff has grown
    /// while the old leader refused connections, and the new one is known the moment ZooKeeper says so.
    /// </summary>
    /// <returns>Whether the wait ended because the leader changed.</returns>
    private async Task<bool> WaitBeforeRetryAsync(TimeSpan delay, CancellationToken stop)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var changed = _lastDetected is { } detected
            ? _detector.WaitForChangeAsync(detected, waiting.Token)
            : Task.Delay(Timeout.Infinite, waiting.Token);
        var backoff = Task.Delay(delay, waiting.Token);
        var first = await Task.WhenAny(backoff, changed).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(backoff, changed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.ThrowIfCancellationRequested();
        if (first != changed)
        {
            return false;
        }

        _logger.LogInformation("Mesos' leading master changed; resubscribing now");
        return true;
    }

    /// <summary>
    /// One round over the masters the detector names. A round that finds none to subscribe to is one warning with every
    /// master's answer, the first after a subscription; the rounds after it, until one succeeds, are debug lines.
    /// </summary>
    private async Task<StreamOutcome> SubscribeToAnyMasterAsync(
        FrameworkInfo frameworkInfo, ChannelWriter<Event> events, CancellationToken stop)
    {
        var masters = await _detector.DetectAsync(stop).ConfigureAwait(false);
        _lastDetected = masters;
        _roundProblems.Clear();
        _masterAnsweredThisRound = false;
        foreach (var master in masters)
        {
            try
            {
                var outcome = await SubscribeAsync(master, frameworkInfo, events, stop).ConfigureAwait(false);
                if (outcome != StreamOutcome.Unavailable)
                {
                    return outcome;
                }
            }
            catch (Exception e) when (IsTransient(e, stop))
            {
                _roundProblems.Add($"{master.Authority} unreachable ({e.Message})");
            }
        }

        var problems = string.Join("; ", _roundProblems);
        if (_roundReportedSinceSubscribed)
        {
            _logger.LogDebug("No Mesos master takes SUBSCRIBE yet: {Problems}", problems);
        }
        else
        {
            // The warning when nothing has said yet that no master is there (the first start); after a lost master, whose
            // line was the warning, what each master answered is information.
            _roundReportedSinceSubscribed = true;
            _logger.Log(
                _warnedSinceSubscribed ? LogLevel.Information : LogLevel.Warning,
                "No Mesos master takes SUBSCRIBE now: {Problems}. Retrying with backoff until one leads.", problems);
            _warnedSinceSubscribed = true;
        }

        return StreamOutcome.Unavailable;
    }

    private async Task<StreamOutcome> SubscribeAsync(
        Uri master, FrameworkInfo frameworkInfo, ChannelWriter<Event> events, CancellationToken stop)
    {
        var endpoint = new Uri(master, _settings.SchedulerPath);
        for (var redirects = 0; ; redirects++)
        {
            if (_frameworkId is not null)
            {
                frameworkInfo.Id = _frameworkId.Clone();
            }

            var call = new Call
            {
                Type = Call.Types.Type.Subscribe,
                FrameworkId = _frameworkId?.Clone(),
                Subscribe = new Call.Types.Subscribe { FrameworkInfo = frameworkInfo },
            };
            using var request = CreateRequest(endpoint, call);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(_codec.MediaType));

            using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            headersTimeout.CancelAfter(_settings.RequestTimeout);
            using var response = await _streamClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token)
                .ConfigureAwait(false);

            _masterAnsweredThisRound = true;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return await ReadStreamAsync(endpoint, response, events, stop).ConfigureAwait(false);

                case HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
                    when response.Headers.Location is { } location && redirects < _settings.MaxRedirects:
                    // Mesos sends a protocol-relative //host:port/path; resolving keeps our scheme.
                    endpoint = new Uri(endpoint, location);
                    _logger.LogDebug("Mesos master {Master} redirected SUBSCRIBE to the leader at {Leader}", master, endpoint);
                    if (endpoint.Authority != master.Authority)
                    {
                        _roundProblems.Add($"{master.Authority} redirects to {endpoint.Authority}");
                    }

                    continue;

                case HttpStatusCode.ServiceUnavailable or HttpStatusCode.NotFound
                    or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
                    or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect:
                    _roundProblems.Add($"{endpoint.Authority} answers {(int)response.StatusCode} {await ReadBodyAsync(response, stop).ConfigureAwait(false)}");
                    return StreamOutcome.Unavailable;

                case HttpStatusCode.Unauthorized:
                    // No other master would answer differently, and retrying only repeats a wrong secret: the caller stops.
                    throw new MesosCallException(
                        response.StatusCode,
                        await ReadBodyAsync(response, stop).ConfigureAwait(false),
                        "SUBSCRIBE",
                        _settings.Principal is null
                            ? $"authentication failed: Mesos master {endpoint.Authority} requires a principal and secret, and none is configured (401 Unauthorized)"
                            : $"authentication failed: Mesos master {endpoint.Authority} refused principal '{_settings.Principal}' with the secret given (401 Unauthorized)");

                default:
                    throw new MesosCallException(
                        response.StatusCode, await ReadBodyAsync(response, stop).ConfigureAwait(false), "SUBSCRIBE");
            }
        }
    }

    private async Task<StreamOutcome> ReadStreamAsync(
        Uri endpoint, HttpResponseMessage response, ChannelWriter<Event> events, CancellationToken stop)
    {
        var streamId = response.Headers.TryGetValues(StreamIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(streamId))
        {
            _logger.LogWarning("Mesos master {Master} answered SUBSCRIBE without a {Header} header", endpoint, StreamIdHeader);
            return StreamOutcome.Unavailable;
        }

        var subscribed = false;
        var heartbeat = _settings.DefaultHeartbeatInterval;
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(stop);
        watchdog.CancelAfter(heartbeat * _settings.HeartbeatTimeoutMultiplier);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
            await using var reader = new RecordIOReader(body, _settings.MaxRecordSize);
            while (true)
            {
                var (found, evt) = await reader.ReadRecordAsync(_codec.DecodeEvent, watchdog.Token).ConfigureAwait(false);
                if (!found)
                {
                    LostMaster(endpoint, "it closed the event stream");
                    break;
                }

                if (evt.Type == Event.Types.Type.Subscribed)
                {
                    subscribed = true;
                    _frameworkId = evt.Subscribed.FrameworkId.Clone();
                    if (evt.Subscribed.HasHeartbeatIntervalSeconds && evt.Subscribed.HeartbeatIntervalSeconds > 0)
                    {
                        heartbeat = TimeSpan.FromSeconds(evt.Subscribed.HeartbeatIntervalSeconds);
                    }

                    _session = new Session(new Uri(endpoint.GetLeftPart(UriPartial.Authority)), endpoint, streamId, _frameworkId);
                    _warnedSinceSubscribed = false;
                    _roundReportedSinceSubscribed = false;
                    // The caller says it, with what the subscription means to it (the framework's gateway: one line).
                    _logger.LogDebug(
                        "Subscribed to Mesos master {Master} as framework {FrameworkId}", endpoint, _frameworkId.Value);
                }

                watchdog.CancelAfter(heartbeat * _settings.HeartbeatTimeoutMultiplier);
                await events.WriteAsync(evt, stop).ConfigureAwait(false);

                if (evt.Type == Event.Types.Type.Error)
                {
                    // The caller judges it: an ERROR is expected when another scheduler took over as this framework.
                    _logger.LogDebug("Mesos master {Master} sent ERROR: {Message}", endpoint, evt.Error?.Message);
                    return StreamOutcome.Error;
                }
            }
        }
        catch (OperationCanceledException) when (watchdog.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            LostMaster(endpoint, $"no event (not even a heartbeat) for {heartbeat * _settings.HeartbeatTimeoutMultiplier}");
        }
        catch (Exception e) when (e is RecordIOFormatException or MesosMessageFormatException)
        {
            _logger.LogError("Mesos master {Master} sent a malformed event stream: {Reason}", endpoint, e.Message);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            LostMaster(endpoint, $"its event stream broke ({e.Message})");
        }
        finally
        {
            _session = null;
        }

        return subscribed ? StreamOutcome.WasSubscribed : StreamOutcome.Unavailable;
    }

    /// <summary>
    /// The one warning for a master that went away (killed, failed over, cut off): what follows until the next
    /// SUBSCRIBED (each master's answer, the resubscription) is information.
    /// </summary>
    private void LostMaster(Uri endpoint, string why)
    {
        _warnedSinceSubscribed = true;
        _logger.LogWarning("Lost Mesos master {Master}: {Reason}; resubscribing to the leading master.", endpoint.Authority, why);
    }

    private HttpRequestMessage CreateRequest(Uri endpoint, Call call)
    {
        var content = new ByteArrayContent(_codec.Encode(call));

        // Set the bare media type: the master rejects any parameter such as charset with 415.
        content.Headers.ContentType = new MediaTypeHeaderValue(_codec.MediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Authorization = _authorization;
        return request;
    }

    private static bool IsTransient(Exception e, CancellationToken stop) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !stop.IsCancellationRequested);

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken stop) =>
        (await response.Content.ReadAsStringAsync(stop).ConfigureAwait(false)).Trim();

    private static AuthenticationHeaderValue? BasicAuthorization(MesosSchedulerSettings settings)
    {
        if (settings.Principal is null)
        {
            return null;
        }

        string secret;
        try
        {
            secret = settings.SecretFile is null ? string.Empty : File.ReadAllText(settings.SecretFile).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot read the Mesos secret file '{settings.SecretFile}': {e.Message}", e);
        }

        var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{settings.Principal}:{secret}"));
        return new AuthenticationHeaderValue("Basic", token);
    }

    private static SocketsHttpHandler CreateHandler(X509Certificate2? ca)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (ca is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = CaCertificateValidation.Create(ca);
        }

        return handler;
    }

    private enum StreamOutcome
    {
        Unavailable,
        WasSubscribed,
        Error,
    }

    private sealed record Session(Uri Master, Uri Endpoint, string StreamId, FrameworkID FrameworkId);
}
