using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.Scheduler;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Tests.Scheduler;

public sealed class MesosSchedulerClientTests
{
    // Guards against a hung test only; no assertion depends on it.
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(20);

    private static readonly FrameworkInfo Framework = new() { User = "nobody", Name = "relay-test" };

    [Theory]
    [InlineData(MesosContentType.Protobuf, "application/x-protobuf")]
    [InlineData(MesosContentType.Json, "application/json")]
    public async Task Subscribe_and_calls_carry_exact_media_types_and_the_stream_id_only_on_calls(
        MesosContentType contentType, string mediaType)
    {
        await using var master = await FakeMesosMaster.StartAsync();
        master.OnSubscribe = async (context, _) =>
        {
            await FakeMesosMaster.WriteEventsAsync(context, "stream-1", FakeMesosMaster.Subscribed("fw-1"), FakeMesosMaster.Heartbeat());
            await FakeMesosMaster.HoldOpenAsync(context);
        };
        await using var client = Client(master, contentType);
        using var cts = new CancellationTokenSource(Safety);

        await using var events = client.SubscribeAsync(Framework, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));
        Assert.Equal(Event.Types.Type.Heartbeat, await NextAsync(events));
        await client.DeclineAsync([new OfferID { Value = "o1" }], new Filters { RefuseSeconds = 60 }, cts.Token);

        var requests = master.Requests.ToArray();
        var subscribe = requests[0];
        Assert.Equal(mediaType, subscribe.ContentType);
        Assert.Equal(mediaType, subscribe.Accept);
        Assert.Null(subscribe.StreamId);
        Assert.Null(subscribe.Call.FrameworkId);
        var decline = requests[1];
        Assert.Equal(Call.Types.Type.Decline, decline.Call.Type);
        Assert.Equal(mediaType, decline.ContentType);
        Assert.Equal("stream-1", decline.StreamId);
        Assert.Equal("fw-1", decline.Call.FrameworkId.Value);
        Assert.Equal("o1", decline.Call.Decline.OfferIds.Single().Value);
        Assert.Equal(60, decline.Call.Decline.Filters.RefuseSeconds);
    }

    [Fact]
    public async Task A_307_with_a_protocol_relative_location_is_followed_to_the_leader()
    {
        await using var leader = await FakeMesosMaster.StartAsync();
        await using var follower = await FakeMesosMaster.StartAsync();
        follower.OnSubscribe = (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"//127.0.0.1:{leader.Port}/api/v1/scheduler";
            return Task.CompletedTask;
        };
        leader.OnSubscribe = async (context, _) =>
        {
            await FakeMesosMaster.WriteEventsAsync(context, "s", FakeMesosMaster.Subscribed("fw-lead"));
            await FakeMesosMaster.HoldOpenAsync(context);
        };
        await using var client = Client(follower);
        using var cts = new CancellationTokenSource(Safety);

        await using var events = client.SubscribeAsync(Framework, cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));
        Assert.Equal(leader.BaseUri, client.CurrentMaster);
        Assert.Equal("fw-lead", client.FrameworkId?.Value);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_typed_401_and_the_secret_never_reaches_logs()
    {
        const string secret = "s3cr3t-do-not-log";
        var secretFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(secretFile, secret + "\n");
        try
        {
            await using var master = await FakeMesosMaster.StartAsync();
            master.OnSubscribe = async (context, _) =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"mesos-master-scheduler\"";
                await context.Response.WriteAsync("Unauthorized");
            };
            var logger = new CapturingLogger<MesosSchedulerClient>();
            var settings = FastSettings() with { Principal = "relay", SecretFile = secretFile };
            await using var client = new MesosSchedulerClient(settings, new StaticMasterDetector([master.BaseUri]), logger);
            using var cts = new CancellationTokenSource(Safety);

            var error = await Assert.ThrowsAsync<MesosCallException>(async () =>
            {
                await foreach (var _ in client.SubscribeAsync(Framework, cts.Token))
                {
                }
            });

            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
            Assert.Equal("Unauthorized", error.ResponseMessage);
            Assert.StartsWith("authentication failed: ", error.Message, StringComparison.Ordinal);
            Assert.Contains("principal 'relay'", error.Message, StringComparison.Ordinal);
            var sent = master.Requests.Single().Authorization;
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"relay:{secret}")), sent);
            var token = sent["Basic ".Length..];
            Assert.DoesNotContain(logger.Lines, line => line.Contains(secret, StringComparison.Ordinal) || line.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, settings.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public async Task A_503_is_retried_after_backoff_until_the_master_is_ready()
    {
        await using var master = await FakeMesosMaster.StartAsync();
        master.OnSubscribe = async (context, n) =>
        {
            if (n < 2)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("No leader elected");
                return;
            }

            await FakeMesosMaster.WriteEventsAsync(context, "s", FakeMesosMaster.Subscribed("fw"));
            await FakeMesosMaster.HoldOpenAsync(context);
        };
        await using var client = Client(master);
        using var cts = new CancellationTokenSource(Safety);

        await using var events = client.SubscribeAsync(Framework, cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));
        Assert.Equal(3, master.Requests.Count);
    }

    [Fact]
    public async Task A_closed_stream_resubscribes_with_the_framework_id_in_both_places()
    {
        await using var master = await FakeMesosMaster.StartAsync();
        master.OnSubscribe = async (context, n) =>
        {
            await FakeMesosMaster.WriteEventsAsync(context, $"stream-{n}", FakeMesosMaster.Subscribed("fw-7"));
            if (n > 0)
            {
                await FakeMesosMaster.HoldOpenAsync(context);
            }
        };
        await using var client = Client(master);
        using var cts = new CancellationTokenSource(Safety);

        await using var events = client.SubscribeAsync(Framework, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));
        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));
        await client.ReviveAsync(cancellationToken: cts.Token);

        var requests = master.Requests.ToArray();
        Assert.Null(requests[0].Call.FrameworkId);
        Assert.Equal("fw-7", requests[1].Call.FrameworkId.Value);
        Assert.Equal("fw-7", requests[1].Call.Subscribe.FrameworkInfo.Id.Value);
        Assert.Null(requests[1].StreamId);
        Assert.Equal("stream-1", requests[2].StreamId);
    }

    [Fact]
    public async Task Missing_heartbeats_trip_the_watchdog_and_the_client_resubscribes()
    {
        await using var master = await FakeMesosMaster.StartAsync();
        master.OnSubscribe = async (context, n) =>
        {
            // The first master goes silent after SUBSCRIBED but keeps the connection open: a partition.
            await FakeMesosMaster.WriteEventsAsync(context, $"s{n}", FakeMesosMaster.Subscribed("fw-hb", heartbeatSeconds: 0.05));
            await FakeMesosMaster.HoldOpenAsync(context);
        };
        await using var client = Client(master);
        using var cts = new CancellationTokenSource(Safety);

        await using var events = client.SubscribeAsync(Framework, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));
        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));

        Assert.Equal("fw-hb", master.Requests.ToArray()[1].Call.FrameworkId.Value);
    }

    [Fact]
    public async Task A_malformed_record_stream_reconnects_without_crashing_the_consumer()
    {
        await using var master = await FakeMesosMaster.StartAsync();
        var logger = new CapturingLogger<MesosSchedulerClient>();
        master.OnSubscribe = async (context, n) =>
        {
            if (n == 0)
            {
                await FakeMesosMaster.WriteEventsAsync(context, "bad", FakeMesosMaster.Subscribed("fw-m"));
                await context.Response.WriteAsync("12x\nnot a record");
                await FakeMesosMaster.HoldOpenAsync(context);
                return;
            }

            await FakeMesosMaster.WriteEventsAsync(context, "good", FakeMesosMaster.Subscribed("fw-m"));
            await FakeMesosMaster.HoldOpenAsync(context);
        };
        await using var client = new MesosSchedulerClient(FastSettings(), new StaticMasterDetector([master.BaseUri]), logger);
        using var cts = new CancellationTokenSource(Safety);

        await using var events = client.SubscribeAsync(Framework, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));
        Assert.Equal(Event.Types.Type.Subscribed, await NextAsync(events));

        Assert.Contains(logger.Lines, line => line.Contains("malformed event stream", StringComparison.Ordinal)
                                              && line.Contains("non-digit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_event_is_delivered_and_then_ends_the_subscription()
    {
        await using var master = await FakeMesosMaster.StartAsync();
        master.OnSubscribe = async (context, _) =>
        {
            var error = new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = "Framework failed over" } };
            await FakeMesosMaster.WriteEventsAsync(context, "s", FakeMesosMaster.Subscribed("fw-e"), error);
            await FakeMesosMaster.HoldOpenAsync(context);
        };
        await using var client = Client(master);
        using var cts = new CancellationTokenSource(Safety);

        var received = new List<Event>();
        await foreach (var evt in client.SubscribeAsync(Framework, cts.Token))
        {
            received.Add(evt);
        }

        Assert.Equal([Event.Types.Type.Subscribed, Event.Types.Type.Error], received.Select(e => e.Type));
        Assert.Equal("Framework failed over", received[1].Error.Message);
        Assert.Single(master.Requests);
        Assert.Null(client.CurrentMaster);
    }

    [Fact]
    public async Task A_400_on_a_call_surfaces_the_masters_message()
    {
        await using var master = await FakeMesosMaster.StartAsync();
        master.OnSubscribe = async (context, _) =>
        {
            await FakeMesosMaster.WriteEventsAsync(context, "s", FakeMesosMaster.Subscribed("fw-x"));
            await FakeMesosMaster.HoldOpenAsync(context);
        };
        master.OnCall = async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Framework cannot be found");
        };
        await using var client = Client(master);
        using var cts = new CancellationTokenSource(Safety);
        await using var events = client.SubscribeAsync(Framework, cts.Token).GetAsyncEnumerator(cts.Token);
        await NextAsync(events);

        var error = await Assert.ThrowsAsync<MesosCallException>(
            () => client.KillAsync(new TaskID { Value = "t" }, cancellationToken: cts.Token));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Framework cannot be found", error.ResponseMessage);
        Assert.Equal("Kill", error.CallType);
        Assert.Contains("Framework cannot be found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_before_subscription_are_refused_locally()
    {
        await using var master = await FakeMesosMaster.StartAsync();
        await using var client = Client(master);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.TeardownAsync());
        Assert.Empty(master.Requests);
    }

    private static MesosSchedulerSettings FastSettings() => new()
    {
        BackoffMin = TimeSpan.FromMilliseconds(10),
        BackoffMax = TimeSpan.FromMilliseconds(50),
        HeartbeatTimeoutMultiplier = 3,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    private static MesosSchedulerClient Client(FakeMesosMaster master, MesosContentType contentType = MesosContentType.Protobuf) =>
        new(FastSettings() with { ContentType = contentType }, new StaticMasterDetector([master.BaseUri]));

    private static async Task<Event.Types.Type> NextAsync(IAsyncEnumerator<Event> events)
    {
        Assert.True(await events.MoveNextAsync());
        return events.Current.Type;
    }
}
