using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.RecordIO;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Tests.Scheduler;

/// <summary>A real Kestrel server on 127.0.0.1 scripted per test to act like a (misbehaving) Mesos master.</summary>
internal sealed class FakeMesosMaster : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _subscribes;

    private FakeMesosMaster(WebApplication app) => _app = app;

    /// <summary>Handles the n-th SUBSCRIBE (0-based).</summary>
    public Func<HttpContext, int, Task> OnSubscribe { get; set; } = (context, _) => Task.CompletedTask;

    public Func<HttpContext, Call, Task> OnCall { get; set; } = (context, _) =>
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        return Task.CompletedTask;
    };

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    public int Port => BaseUri.Port;

    public static async Task<FakeMesosMaster> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var master = new FakeMesosMaster(app);
        app.MapPost("/api/v1/scheduler", master.HandleAsync);
        await app.StartAsync();
        master.BaseUri = new Uri(app.Urls.First());
        return master;
    }

    public static async Task WriteEventsAsync(HttpContext context, string streamId, params Event[] events)
    {
        var codec = MesosMessageCodec.ForMediaType(context.Request.ContentType) ?? MesosMessageCodec.Protobuf;
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = codec.MediaType;
            context.Response.Headers["Mesos-Stream-Id"] = streamId;
        }

        var writer = new RecordIOWriter(context.Response.Body);
        foreach (var evt in events)
        {
            await writer.WriteRecordAsync(codec.Encode(evt), context.RequestAborted);
        }
    }

    /// <summary>Keeps a stream open until the client goes away, as a healthy master would.</summary>
    public static async Task HoldOpenAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static Event Subscribed(string frameworkId, double heartbeatSeconds = 15) => new()
    {
        Type = Event.Types.Type.Subscribed,
        Subscribed = new Event.Types.Subscribed
        {
            FrameworkId = new FrameworkID { Value = frameworkId },
            HeartbeatIntervalSeconds = heartbeatSeconds,
        },
    };

    public static Event Heartbeat() => new() { Type = Event.Types.Type.Heartbeat };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var codec = MesosMessageCodec.ForMediaType(context.Request.ContentType) ?? MesosMessageCodec.Protobuf;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var call = codec.DecodeCall(new System.Buffers.ReadOnlySequence<byte>(body.ToArray()));
        Requests.Enqueue(new RecordedRequest(
            call,
            context.Request.ContentType,
            context.Request.Headers.Accept.ToString(),
            context.Request.Headers.TryGetValue("Mesos-Stream-Id", out var id) ? id.ToString() : null,
            context.Request.Headers.Authorization.ToString()));

        if (call.Type == Call.Types.Type.Subscribe)
        {
            await OnSubscribe(context, Interlocked.Increment(ref _subscribes) - 1);
        }
        else
        {
            await OnCall(context, call);
        }
    }

    internal sealed record RecordedRequest(
        Call Call, string? ContentType, string Accept, string? StreamId, string Authorization);
}
