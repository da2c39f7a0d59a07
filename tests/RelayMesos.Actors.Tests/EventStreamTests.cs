namespace RelayMesos.Actors.Tests;

using RelayMesos.TestKit;

public sealed class EventStreamTests : TestKit
{
    [Fact]
    public void Subscribers_receive_events_of_the_type_its_subtypes_and_implementations_once()
    {
        var byBase = CreateTestProbe();
        var byInterface = CreateTestProbe();
        var byBoth = CreateTestProbe();
        Sys.EventStream.Subscribe(byBase.Ref, typeof(Animal));
        Sys.EventStream.Subscribe(byInterface.Ref, typeof(IBarks));
        Sys.EventStream.Subscribe(byBoth.Ref, typeof(Animal));
        Sys.EventStream.Subscribe(byBoth.Ref, typeof(IBarks));

        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Cat("tom"));

        Assert.Equal(new Dog("rex"), byBase.ExpectMsg<Dog>());
        Assert.Equal(new Cat("tom"), byBase.ExpectMsg<Cat>());
        Assert.Equal(new Dog("rex"), byInterface.ExpectMsg<Dog>());
        byInterface.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        byBoth.ExpectMsg<Dog>();
        byBoth.ExpectMsg<Cat>();
        byBoth.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public void Unsubscribed_and_stopped_actors_receive_nothing_more()
    {
        var probe = CreateTestProbe();
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(probe.Ref)));
        Assert.True(Sys.EventStream.Subscribe(forwarder, typeof(string)));
        Assert.False(Sys.EventStream.Subscribe(forwarder, typeof(string)));
        Sys.EventStream.Subscribe(probe.Ref, typeof(Animal));

        Sys.EventStream.Publish("one");
        probe.ExpectMsg("one");
        probe.Watch(forwarder);
        Sys.Stop(forwarder);
        probe.ExpectTerminated(forwarder);
        Sys.EventStream.Publish("two");
        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref, typeof(Animal)));
        Sys.EventStream.Publish(new Cat("gone"));

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    private interface IBarks;

    private abstract record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name), IBarks;

    private sealed record Cat(string Name) : Animal(Name);
}
