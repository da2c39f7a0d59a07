namespace RelayMesos.Actors.Tests;

using RelayMesos.TestKit;

public sealed class LifecycleTests : TestKit
{
    [Fact]
    public void Stopping_a_busy_actor_completes_the_current_message_dead_letters_the_rest_and_runs_PostStop_once()
    {
        var probe = CreateTestProbe();
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new BusyActor(probe.Ref, gate.Task)), "busy");
        probe.Watch(actor);

        actor.Tell("first", ActorRefs.NoSender);
        probe.ExpectMsg("started first");
        actor.Tell("second", ActorRefs.NoSender);
        actor.Tell("third", ActorRefs.NoSender);
        Sys.Stop(actor);
        gate.SetResult();

        probe.ExpectMsg("finished first");
        probe.ExpectMsg("PostStop");
        probe.ExpectTerminated(actor);
        var dead = deadLetters.ReceiveN<DeadLetter>(2).Select(d => d.Message).ToList();
        Assert.Equal(["second", "third"], dead);
        Assert.Equal(2, Sys.DeadLetterCount);
        actor.Tell("late", ActorRefs.NoSender);
        Assert.Equal("late", deadLetters.ExpectMsg<DeadLetter>().Message);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Watchers_get_Terminated_once_and_not_after_Unwatch()
    {
        var watcher = CreateTestProbe();
        var unwatcher = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new EchoActor()));
        watcher.Watch(actor);
        unwatcher.Watch(actor);
        unwatcher.Unwatch(actor);

        actor.Tell(PoisonPill.Instance, ActorRefs.NoSender);

        Assert.Equal(actor, watcher.ExpectTerminated(actor).ActorRef);
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        unwatcher.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Watching_an_already_stopped_actor_delivers_Terminated_at_once()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new EchoActor()));
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor);

        var late = CreateTestProbe();
        late.Watch(actor);

        late.ExpectTerminated(actor);
    }

    [Fact]
    public async Task Graceful_shutdown_stops_actors_newest_first_children_before_parents()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new LifecycleActor(probe.Ref, "first")), "first");
        Sys.ActorOf(Props.Create(() => new FamilyActor(probe.Ref)), "second");
        Sys.ActorOf(Props.Create(() => new LifecycleActor(probe.Ref, "third")), "third");
        probe.ReceiveN<string>(5);

        Assert.True(await Sys.ShutdownAsync(Dilated(TimeSpan.FromSeconds(5))));

        var order = probe.ReceiveN<string>(5);
        Assert.Equal(["third PostStop", "kid-b PostStop", "kid-a PostStop", "second PostStop", "first PostStop"], order);
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Shutdown_reports_false_when_an_actor_does_not_stop_in_time()
    {
        var gate = new TaskCompletionSource();
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new BusyActor(probe.Ref, gate.Task)));
        actor.Tell("hang", ActorRefs.NoSender);
        probe.ExpectMsg("started hang");

        Assert.False(await Sys.ShutdownAsync(TimeSpan.FromMilliseconds(100)));

        gate.SetResult();
        Assert.True(await Sys.ShutdownAsync(Dilated(TimeSpan.FromSeconds(5))));
    }

    [Fact]
    public void Children_are_named_found_and_stopped_through_the_context()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new FamilyActor(probe.Ref)), "family");
        probe.ReceiveN<string>(3);

        probe.Send(parent, "lookup kid-a");
        var kid = probe.ExpectMsg<IActorRef>();
        Assert.Equal("/user/family/kid-a", kid.Path.ToString());
        probe.Send(parent, "lookup none");
        Assert.Equal(ActorRefs.Nobody, probe.ExpectMsg<IActorRef>());
        probe.Send(parent, "stop kid-a");
        probe.ExpectMsg("kid-a PostStop");
        probe.ExpectMsg("Terminated kid-a");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new EchoActor()), "family"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new EchoActor()), "a/b"));
    }

    [Fact]
    public void Actors_cannot_be_created_with_new()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EchoActor());
        Assert.Contains("Props", error.Message, StringComparison.Ordinal);
    }

    private sealed class BusyActor : ReceiveActor
    {
        private readonly IActorRef _probe;

        public BusyActor(IActorRef probe, Task gate)
        {
            _probe = probe;
            ReceiveAsync<string>(async s =>
            {
                probe.Tell($"started {s}");
                await gate;
                probe.Tell($"finished {s}");
            });
        }

        protected override void PostStop() => _probe.Tell("PostStop");
    }

    private sealed class FamilyActor : ReceiveActor
    {
        private readonly IActorRef _probe;

        public FamilyActor(IActorRef probe)
        {
            _probe = probe;
            Context.Watch(Context.ActorOf(Props.Create(() => new LifecycleActor(probe, "kid-a")), "kid-a"));
            Context.ActorOf(Props.Create(() => new LifecycleActor(probe, "kid-b")), "kid-b");
            Receive<string>(s => s.StartsWith("lookup ", StringComparison.Ordinal), s => Sender.Tell(Context.Child(s["lookup ".Length..])));
            Receive<string>(s => s.StartsWith("stop ", StringComparison.Ordinal), s => Context.Stop(Context.Child(s["stop ".Length..])));
            Receive<Terminated>(t => _probe.Tell($"Terminated {t.ActorRef.Path.Name}"));
        }

        protected override void PreStart() => _probe.Tell("second PreStart");

        protected override void PostStop() => _probe.Tell("second PostStop");
    }
}
