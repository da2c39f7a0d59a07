using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using RelayMesos.LocalCluster.Master;
using RelayMesos.Mesos.RecordIO;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.LocalCluster.Http;

/// <summary>
/// POST /api/v1/scheduler with the checks of Mesos' Master::Http::scheduler in the same order, so a client
/// that works here meets the same status codes on a real master.
/// </summary>
internal sealed class SchedulerEndpoint(LocalMaster master, LocalClusterOptions options)
{
    public const string Json = "application/json";
    public const string Protobuf = "application/x-protobuf";
    public const string StreamIdHeader = "Mesos-Stream-Id";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string? principal = null;
        if (options.Credentials is { } credentials)
        {
            principal = BasicCredentials.Authenticate(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, credentials);
            if (principal is null)
            {
                context.Response.Headers.WWWAuthenticate = BasicCredentials.Challenge;
                // Word for word what a real 1.12 master sends for a missing or wrong secret.
                await TextAsync(context, 401, "401 Unauthorized.").ConfigureAwait(false);
                return;
            }
        }

        if (options.Standby)
        {
            if (options.LeaderUri is { } leader)
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = $"//{leader.Host}:{leader.Port}{request.Path}";
                return;
            }

            await TextAsync(context, 503, "No leader elected").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await TextAsync(context, 405, $"Expecting one of {{ 'POST' }}, but received '{request.Method}'").ConfigureAwait(false);
            return;
        }

        var contentType = request.Headers.ContentType.ToString();
        if (contentType.Length == 0)
        {
            await TextAsync(context, 400, "Expecting 'Content-Type' to be present").ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        Call call;
        if (contentType == Json)
        {
            try
            {
                call = ProtoJson.Parser.Parse<Call>(Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
            }
            catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException or FormatException or InvalidOperationException)
            {
                await TextAsync(context, 400, "Failed to convert JSON into Call protobuf: " + e.Message).ConfigureAwait(false);
                return;
            }
        }
        else if (contentType == Protobuf)
        {
            try
            {
                call = Call.Parser.ParseFrom(body.GetBuffer().AsSpan(0, (int)body.Length));
            }
            catch (InvalidProtocolBufferException e)
            {
                await TextAsync(context, 400, "Failed to parse body into Call protobuf: " + e.Message).ConfigureAwait(false);
                return;
            }
        }
        else
        {
            await TextAsync(context, 415, $"Expecting 'Content-Type' of {Json} or {Protobuf}").ConfigureAwait(false);
            return;
        }

        if (!call.IsInitialized())
        {
            await TextAsync(context, 400, "Failed to parse body into Call protobuf: missing required fields").ConfigureAwait(false);
            return;
        }

        if (CallValidator.Validate(call, principal) is { } invalid)
        {
            await TextAsync(context, 400, "Failed to validate scheduler::Call: " + invalid).ConfigureAwait(false);
            return;
        }

        if (call.Type == Call.Types.Type.Subscribe)
        {
            await SubscribeAsync(context, call, principal).ConfigureAwait(false);
            return;
        }

        if (call.Type == Call.Types.Type.ReconcileOperations && NegotiateResponseType(request) is null)
        {
            await TextAsync(context, 406, $"Expecting 'Accept' to allow '{Json}' or '{Protobuf}'").ConfigureAwait(false);
            return;
        }

        var streamId = request.Headers.TryGetValue(StreamIdHeader, out var ids) ? ids.ToString() : null;
        if (master.CheckCaller(call, streamId, principal) is { } refusal)
        {
            await TextAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        switch (call.Type)
        {
            case Call.Types.Type.Unknown:
                await TextAsync(context, 501, "Received 'UNKNOWN' call").ConfigureAwait(false);
                return;
            case Call.Types.Type.UpdateFramework:
                var error = master.UpdateFramework(call);
                await TextAsync(context, error is null ? 200 : 400, error ?? string.Empty).ConfigureAwait(false);
                return;
            default:
                master.Apply(call);
                context.Response.StatusCode = 202;
                return;
        }
    }

    private async Task SubscribeAsync(HttpContext context, Call call, string? principal)
    {
        var responseType = NegotiateResponseType(context.Request);
        if (responseType is null)
        {
            await TextAsync(context, 406, $"Expecting 'Accept' to allow '{Json}' or '{Protobuf}'").ConfigureAwait(false);
            return;
        }

        if (context.Request.Headers.ContainsKey(StreamIdHeader))
        {
            await TextAsync(context, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header").ConfigureAwait(false);
            return;
        }

        var subscription = master.Subscribe(call, principal);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = responseType;
        response.Headers[StreamIdHeader] = subscription.StreamId;
        response.Headers.CacheControl = "no-cache";
        var aborted = context.RequestAborted;
        using var heartbeats = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var heartbeatLoop = SendHeartbeatsAsync(subscription, heartbeats.Token);
        try
        {
            await response.StartAsync(aborted).ConfigureAwait(false);
            var records = new RecordIOWriter(response.Body);
            await foreach (var @event in subscription.Events.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                var payload = responseType == Json ? Encoding.UTF8.GetBytes(ProtoJson.Formatter.Format(@event)) : @event.ToByteArray();
                await records.WriteRecordAsync(payload, aborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The scheduler went away; the master learns it below.
        }
        finally
        {
            await heartbeats.CancelAsync().ConfigureAwait(false);
            await heartbeatLoop.ConfigureAwait(false);
            master.StreamClosed(subscription);
        }
    }

    private async Task SendHeartbeatsAsync(Subscription subscription, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
            {
                subscription.Send(LocalMaster.Heartbeat);
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
    }

    /// <summary>JSON wins when both are acceptable, as in Mesos; null means 406.</summary>
    private static string? NegotiateResponseType(HttpRequest request)
    {
        var accept = request.Headers.Accept.Select(v => v ?? string.Empty).ToList();
        return AcceptHeader.Accepts(accept, Json) ? Json : AcceptHeader.Accepts(accept, Protobuf) ? Protobuf : null;
    }

    private static async Task TextAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        if (message.Length > 0)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
