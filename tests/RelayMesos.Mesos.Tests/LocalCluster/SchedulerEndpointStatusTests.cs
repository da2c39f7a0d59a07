using System.Net;
using RelayMesos.LocalCluster;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class SchedulerEndpointStatusTests : IAsyncLifetime
{
    private readonly LocalMesosCluster cluster = new(TaskLifecycleTests.FastOptions() with { Agents = 0 });
    private RawScheduler raw = null!;

    public async Task InitializeAsync()
    {
        await cluster.StartAsync();
        raw = new RawScheduler(cluster);
    }

    public async Task DisposeAsync()
    {
        await raw.DisposeAsync();
        await cluster.DisposeAsync();
    }

    private static string Subscribe => RawScheduler.Json(RawScheduler.SubscribeCall(TestScheduler.Framework()));

    [Fact]
    public async Task Non_POST_is_405_with_Allow_POST()
    {
        using var response = await raw.PostAsync(null, method: HttpMethod.Get);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", string.Join(",", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.BadRequest)]
    [InlineData("application/json; charset=utf-8", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Content_type_must_be_present_and_exact(string? contentType, HttpStatusCode expected)
    {
        using var response = await raw.PostAsync(Subscribe, contentType);
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "application/json")]
    [InlineData("\u0001\u0002garbage", "application/x-protobuf")]
    [InlineData("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"no user\"}}}", "application/json")]
    public async Task Unparsable_bodies_and_missing_required_fields_are_400(string body, string contentType)
    {
        using var response = await raw.PostAsync(body, contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}", "'type'")]
    [InlineData("{\"type\":\"SUBSCRIBE\"}", "'subscribe'")]
    [InlineData("{\"type\":\"SUBSCRIBE\",\"framework_id\":{\"value\":\"x\"},\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}", "differs")]
    [InlineData("{\"type\":\"DECLINE\"}", "'framework_id'")]
    [InlineData("{\"type\":\"DECLINE\",\"framework_id\":{\"value\":\"x\"}}", "'decline'")]
    [InlineData("{\"type\":\"ACKNOWLEDGE\",\"framework_id\":{\"value\":\"x\"},\"acknowledge\":{\"agent_id\":{\"value\":\"a\"},\"task_id\":{\"value\":\"t\"},\"uuid\":\"AAEC\"}}", "UUID")]
    public async Task Invalid_calls_are_400_failed_to_validate(string body, string mentions)
    {
        using var response = await raw.PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Failed to validate scheduler::Call: ", text, StringComparison.Ordinal);
        Assert.Contains(mentions, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_with_an_unacceptable_Accept_is_406_and_with_a_stream_id_is_400()
    {
        using var notAcceptable = await raw.PostAsync(Subscribe, accept: "application/recordio");
        using var withStream = await raw.PostAsync(Subscribe, streamId: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withStream.StatusCode);
    }

    [Fact]
    public async Task Non_subscribe_calls_check_framework_then_subscription_then_stream_id()
    {
        var stream = await raw.SubscribeAsync(TestScheduler.Framework(failoverTimeout: 60));
        var subscribed = await stream.Events.NextAsync(e => e.Type == Event.Types.Type.Subscribed);
        var id = subscribed.Subscribed.FrameworkId.Value;
        string Revive(string framework) => $"{{\"type\":\"REVIVE\",\"framework_id\":{{\"value\":\"{framework}\"}}}}";
        string Unknown(string framework) => $"{{\"type\":\"UNKNOWN\",\"framework_id\":{{\"value\":\"{framework}\"}}}}";

        using var unknownFramework = await raw.PostAsync(Revive("nobody-knows"), streamId: stream.StreamId);
        using var missingStream = await raw.PostAsync(Revive(id));
        using var wrongStream = await raw.PostAsync(Revive(id), streamId: Guid.NewGuid().ToString());
        using var accepted = await raw.PostAsync(Revive(id), streamId: stream.StreamId);
        using var notImplemented = await raw.PostAsync(Unknown(id), streamId: stream.StreamId);
        await stream.DisposeAsync();
        HttpStatusCode afterDisconnect;
        var attempts = 0;
        do
        {
            using var response = await raw.PostAsync(Revive(id), streamId: stream.StreamId);
            afterDisconnect = response.StatusCode;
            await Task.Delay(20);
        }
        while (afterDisconnect != HttpStatusCode.Forbidden && ++attempts < 100);

        Assert.Equal(HttpStatusCode.BadRequest, unknownFramework.StatusCode);
        Assert.Equal("Framework cannot be found", await unknownFramework.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missingStream.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongStream.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NotImplemented, notImplemented.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterDisconnect);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-protobuf")]
    public async Task Subscribe_streams_subscribed_then_an_immediate_heartbeat_then_periodic_heartbeats(string mediaType)
    {
        var stream = await raw.SubscribeAsync(TestScheduler.Framework(), mediaType);
        var first = await stream.Events.NextAsync(_ => true);
        var second = await stream.Events.NextAsync(_ => true);
        var third = await stream.Events.NextAsync(_ => true);

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal(mediaType, stream.Response.Content.Headers.ContentType!.MediaType);
        Assert.True(Guid.TryParse(stream.StreamId, out _));
        Assert.True(stream.Response.Headers.TransferEncodingChunked);
        Assert.Equal(Event.Types.Type.Subscribed, first.Type);
        Assert.Equal(0.3, first.Subscribed.HeartbeatIntervalSeconds, 3);
        Assert.Equal((uint)cluster.MasterUri.Port, first.Subscribed.MasterInfo.Port);
        Assert.Matches("^[0-9a-f-]{36}-0000$", first.Subscribed.FrameworkId.Value);
        Assert.Equal(Event.Types.Type.Heartbeat, second.Type);
        Assert.Equal(Event.Types.Type.Heartbeat, third.Type);
    }

    [Fact]
    public async Task Root_is_refused_with_an_error_event_inside_a_200_stream_which_then_ends()
    {
        var info = TestScheduler.Framework();
        info.User = "root";
        var stream = await raw.SubscribeAsync(info);
        var error = await stream.Events.NextAsync(_ => true);
        await stream.Ended;

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal(Event.Types.Type.Error, error.Type);
        Assert.Contains("root", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_subscribe_for_the_same_framework_fails_the_first_stream_over()
    {
        var first = await raw.SubscribeAsync(TestScheduler.Framework(failoverTimeout: 60));
        var subscribed = await first.Events.NextAsync(e => e.Type == Event.Types.Type.Subscribed);
        var info = TestScheduler.Framework(failoverTimeout: 60);
        info.Id = subscribed.Subscribed.FrameworkId.Clone();

        var second = await raw.SubscribeAsync(info);
        var resubscribed = await second.Events.NextAsync(e => e.Type == Event.Types.Type.Subscribed);
        var error = await first.Events.NextAsync(e => e.Type == Event.Types.Type.Error);
        await first.Ended;

        Assert.Equal("Framework failed over", error.Error.Message);
        Assert.Equal(info.Id, resubscribed.Subscribed.FrameworkId);
        Assert.NotEqual(first.StreamId, second.StreamId);
    }
}
