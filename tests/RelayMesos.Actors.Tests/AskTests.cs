namespace RelayMesos.Actors.Tests;

using RelayMesos.TestKit;

public sealed class AskTests : TestKit
{
    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()), "echo");

        var reply = await echo.Ask<string>("hello", Dilated(TimeSpan.FromSeconds(3)));

        Assert.Equal("hello", reply);
    }

    [Fact]
    public async Task Ask_without_reply_throws_a_typed_timeout_naming_target_and_message_type()
    {
        var silent = Sys.ActorOf(Props.Create(() => new SilentActor()), "silent");

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<string>(42, TimeSpan.FromMilliseconds(50)));

        Assert.Equal("/user/silent", error.Target.ToString());
        Assert.Equal(typeof(int), error.MessageType);
        Assert.Contains("/user/silent", error.Message, StringComparison.Ordinal);
        Assert.Contains("System.Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_reply_throws_its_cause_and_a_wrong_reply_type_is_a_clear_cast_error()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => echo.Ask<string>(new Status.Failure(new InvalidOperationException("no")), Dilated(TimeSpan.FromSeconds(3))));
        var cast = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<string>(7, Dilated(TimeSpan.FromSeconds(3))));
        Assert.Contains("System.String", cast.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var silent = Sys.ActorOf(Props.Create(() => new SilentActor()));
        using var cancellation = new CancellationTokenSource();

        var pending = silent.Ask<string>("x", TimeSpan.FromMinutes(1), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task An_async_handler_can_ask_another_actor_and_reply_to_its_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var relay = Sys.ActorOf(Props.Create(() => new AskingRelay(echo)));

        var reply = await relay.Ask<string>("ping", Dilated(TimeSpan.FromSeconds(3)));

        Assert.Equal($"ping via {relay.Path}", reply);
    }

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }

    private sealed class AskingRelay : ReceiveActor
    {
        public AskingRelay(IActorRef echo) =>
            ReceiveAsync<string>(async request =>
            {
                var answer = await echo.Ask<string>(request, TimeSpan.FromSeconds(5));
                Sender.Tell($"{answer} via {Self.Path}");
            });
    }
}
