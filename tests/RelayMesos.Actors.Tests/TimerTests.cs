namespace RelayMesos.Actors.Tests;

using RelayMesos.TestKit;

public sealed class TimerTests : TestKit
{
    [Fact]
    public void A_single_timer_fires_once_and_is_then_inactive()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));

        actor.Tell(new StartSingle("tick", TimeSpan.FromMilliseconds(10)), ActorRefs.NoSender);

        probe.ExpectMsg("fired tick (active afterwards: False)");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_periodic_timer_keeps_firing_until_cancelled()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));

        actor.Tell(new StartPeriodic("beat", TimeSpan.FromMilliseconds(10)), ActorRefs.NoSender);
        probe.ExpectMsg("fired beat (active afterwards: True)");
        probe.ExpectMsg("fired beat (active afterwards: True)");
        probe.ExpectMsg("fired beat (active afterwards: True)");
        actor.Tell("cancel", ActorRefs.NoSender);
        probe.FishForMessage<string>(s => s == "cancelled (active: False)");

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(60));
    }

    [Fact]
    public void A_cancelled_timer_never_delivers_even_if_it_already_fired()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));

        actor.Tell("start-and-cancel-after-firing", ActorRefs.NoSender);

        probe.ExpectMsg("cancelled (active: False)");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Timers_are_cancelled_on_restart_and_on_stop()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        actor.Tell(new StartPeriodic("beat", TimeSpan.FromMilliseconds(20)), ActorRefs.NoSender);
        probe.ExpectMsg("fired beat (active afterwards: True)");

        actor.Tell("fail", ActorRefs.NoSender);
        probe.FishForMessage<string>(s => s == "restarted (active: False)");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(80));

        actor.Tell(new StartPeriodic("beat", TimeSpan.FromMilliseconds(20)), ActorRefs.NoSender);
        probe.ExpectMsg("fired beat (active afterwards: True)");
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.FishForMessage<Terminated>(_ => true);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(80));
    }

    private sealed record StartSingle(string Key, TimeSpan Delay);

    private sealed record StartPeriodic(string Key, TimeSpan Interval);

    private sealed record Fired(string Key);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        private readonly IActorRef _probe;

        public TimerActor(IActorRef probe)
        {
            _probe = probe;
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, new Fired(s.Key), s.Delay));
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, new Fired(s.Key), s.Interval));
            Receive<Fired>(f => probe.Tell($"fired {f.Key} (active afterwards: {Timers.IsTimerActive(f.Key)})"));
            Receive<string>(s => s == "cancel", _ =>
            {
                Timers.Cancel("beat");
                probe.Tell($"cancelled (active: {Timers.IsTimerActive("beat")})");
            });
            Receive<string>(s => s == "start-and-cancel-after-firing", _ =>
            {
                Timers.StartSingleTimer("late", new Fired("late"), TimeSpan.Zero);
                Thread.Sleep(30);
                Timers.Cancel("late");
                probe.Tell($"cancelled (active: {Timers.IsTimerActive("late")})");
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PostRestart(Exception reason) => _probe.Tell($"restarted (active: {Timers.IsTimerActive("beat")})");
    }
}
