namespace RelayMesos.Actors.Tests;

using RelayMesos.TestKit;

public sealed class BehaviourTests : TestKit
{
    [Fact]
    public void Become_replaces_and_BecomeStacked_pushes_behaviours()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new MoodActor()));

        probe.Send(actor, "how");
        probe.ExpectMsg("calm");
        probe.Send(actor, "anger");
        probe.Send(actor, "how");
        probe.ExpectMsg("angry");
        probe.Send(actor, "push-joy");
        probe.Send(actor, "how");
        probe.ExpectMsg("joyful");
        probe.Send(actor, "pop");
        probe.Send(actor, "how");
        probe.ExpectMsg("angry");
    }

    [Fact]
    public void Stashed_messages_are_replayed_in_order_before_newer_ones()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(probe.Ref)));

        actor.Tell("a", ActorRefs.NoSender);
        actor.Tell("b", ActorRefs.NoSender);
        actor.Tell("open", ActorRefs.NoSender);
        actor.Tell("c", ActorRefs.NoSender);

        Assert.Equal(["a", "b", "c"], probe.ReceiveN<string>(3));
    }

    [Fact]
    public void Stashed_messages_survive_a_restart_and_go_to_dead_letters_on_stop()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(probe.Ref)));
        actor.Tell("a", ActorRefs.NoSender);
        actor.Tell("fail", ActorRefs.NoSender);
        actor.Tell("open", ActorRefs.NoSender);
        probe.ExpectMsg("a");

        var second = Sys.ActorOf(Props.Create(() => new GateActor(probe.Ref)));
        second.Tell("x", ActorRefs.NoSender);
        second.Tell("y", ActorRefs.NoSender);
        probe.Watch(second);
        Sys.Stop(second);
        probe.ExpectTerminated(second);

        Assert.Equal(2, Sys.DeadLetterCount);
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new MoodActor()));

        actor.Tell(42, TestActor.Ref);

        var unhandled = probe.ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor.Ref, unhandled.Sender);
    }

    private sealed class MoodActor : ReceiveActor
    {
        public MoodActor()
        {
            Receive<string>(s => s == "how", _ => Sender.Tell("calm"));
            Receive<string>(s => s == "anger", _ => Become(Angry));
        }

        private void Angry()
        {
            Receive<string>(s => s == "how", _ => Sender.Tell("angry"));
            Receive<string>(s => s == "push-joy", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "how", _ => Sender.Tell("joyful"));
                Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            }));
        }
    }

    private sealed class GateActor : ReceiveActor, IWithUnboundedStash
    {
        public GateActor(IActorRef probe)
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
            Receive<string>(s => s == "open", _ =>
            {
                Stash.UnstashAll();
                Become(() => ReceiveAny(m => probe.Tell(m)));
            });
            ReceiveAny(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;
    }
}
