using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.RecordIO;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using RelayMesos.TestKit;

namespace RelayMesos.EndToEnd.Tests.StrictMaster;

/// <summary>
/// A scripted master speaking apache/mesos' own protos over real HTTP (Kestrel on 127.0.0.1), for the races a
/// real master produces but rarely: several events in one write, a stream that ends, reconciliation answers.
/// It records every call; <see cref="OnCall"/> decides what the stream says next.
/// </summary>
internal sealed class StrictMesosMaster : IAsyncDisposable
{
    public const string FrameworkId = "strict-master-0000";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Call> _calls = new();
    private Channel<Event[]> _stream = Channel.CreateUnbounded<Event[]>();
    private int _offers;

    private StrictMesosMaster(WebApplication app) => _app = app;

    /// <summary>Called for every call but SUBSCRIBE, after it is recorded; its result is written to the stream as one write.</summary>
    public Func<StrictMesosMaster, Call, Event[]> OnCall { get; set; } = (_, _) => [];

    public string Master => _app.Urls.First();

    /// <summary>Every call in the order it arrived, SUBSCRIBE included.</summary>
    public IReadOnlyList<Call> Calls => [.. _calls];

    public static async Task<StrictMesosMaster> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var master = new StrictMesosMaster(app);
        app.MapPost("/api/v1/scheduler", master.HandleAsync);
        await app.StartAsync();
        return master;
    }

    /// <summary>A fresh offer of one agent with room for several small tasks.</summary>
    public Offer NewOffer()
    {
        var n = Interlocked.Increment(ref _offers);
        return new Offer
        {
            Id = new OfferID { Value = $"O{n}" },
            FrameworkId = new FrameworkID { Value = FrameworkId },
            AgentId = new AgentID { Value = "S0" },
            Hostname = "agent-0",
            Resources =
            {
                Scalar("cpus", 4), Scalar("mem", 4096), Scalar("disk", 8192),
                new Resource { Name = "ports", Type = Value.Types.Type.Ranges, Ranges = new Value.Types.Ranges { Range = { new Value.Types.Range { Begin = 31000, End = 32000 } } } },
            },
        };
    }

    /// <summary>Ends the current subscription's stream without an ERROR, as a master that went away does.</summary>
    public void EndStream() => _stream.Writer.TryComplete();

    public async Task<T> EventuallyAsync<T>(Func<IReadOnlyList<Call>, T?> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + TestTimeFactor.Dilate(timeout);
        while (true)
        {
            if (probe(Calls) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}; calls: {string.Join(", ", Calls.Select(c => c.Type))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stream.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Resource Scalar(string name, double value) =>
        new() { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };

    private async Task HandleAsync(HttpContext context)
    {
        var codec = MesosMessageCodec.ForMediaType(context.Request.ContentType) ?? MesosMessageCodec.Protobuf;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var call = codec.DecodeCall(new System.Buffers.ReadOnlySequence<byte>(body.ToArray()));
        _calls.Enqueue(call);
        if (call.Type != Call.Types.Type.Subscribe)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            var events = OnCall(this, call);
            if (events.Length > 0)
            {
                _stream.Writer.TryWrite(events);
            }

            return;
        }

        var stream = _stream = Channel.CreateUnbounded<Event[]>();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = codec.MediaType;
        context.Response.Headers["Mesos-Stream-Id"] = Guid.NewGuid().ToString();
        await WriteAsync(context, codec, [
            new Event
            {
                Type = Event.Types.Type.Subscribed,
                Subscribed = new Event.Types.Subscribed { FrameworkId = new FrameworkID { Value = FrameworkId }, HeartbeatIntervalSeconds = 15 },
            },
            new Event { Type = Event.Types.Type.Heartbeat },
        ]);
        try
        {
            await foreach (var events in stream.Reader.ReadAllAsync(context.RequestAborted))
            {
                await WriteAsync(context, codec, events);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>All events framed into one buffer and written at once: one TCP write, as Mesos batches them.</summary>
    private static async Task WriteAsync(HttpContext context, MesosMessageCodec codec, Event[] events)
    {
        using var buffer = new MemoryStream();
        var writer = new RecordIOWriter(buffer);
        foreach (var evt in events)
        {
            await writer.WriteRecordAsync(codec.Encode(evt));
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
