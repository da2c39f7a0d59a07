using FsCheck;
using FsCheck.Fluent;

namespace RelayMesos.Actors.Tests;

using RelayMesos.TestKit;

public sealed class SupervisionTests : TestKit
{
    [Fact]
    public void Restart_keeps_the_mailbox_and_drops_only_the_failing_message()
    {
        var probe = CreateTestProbe();
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new GatedFailingActor(probe.Ref, gate)));
        probe.ExpectMsg("started");

        actor.Tell("block-then-fail", ActorRefs.NoSender);
        actor.Tell("after-1", ActorRefs.NoSender);
        actor.Tell("after-2", ActorRefs.NoSender);
        gate.Set();

        probe.ExpectMsg("started");
        probe.ExpectMsg("after-1 (fresh state: 1)");
        probe.ExpectMsg("after-2 (fresh state: 2)");
    }

    [Fact]
    public void Lifecycle_hooks_run_in_order_on_restart()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(probe.Ref, "a")));
        probe.ExpectMsg("a PreStart");

        actor.Tell("fail", ActorRefs.NoSender);

        probe.ExpectMsg("a PreRestart fail");
        probe.ExpectMsg("a PostStop");
        probe.ExpectMsg("a PostRestart");
        probe.ExpectMsg("a PreStart");
    }

    [Fact]
    public void Exceeding_max_retries_within_the_window_stops_the_child_after_backing_off()
    {
        var probe = CreateTestProbe();
        var strategy = new OneForOneStrategy(
            maxNrOfRetries: 2,
            withinTimeRange: TimeSpan.FromMinutes(1),
            decider: _ => Directive.Restart,
            backoff: new RestartBackoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20), 0.2));
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new LifecycleActor(probe.Ref, "c")))).WithSupervisorStrategy(strategy));
        var child = parent.Ask<IActorRef>("child", Dilated(TimeSpan.FromSeconds(3))).GetAwaiter().GetResult();
        probe.Watch(child);
        probe.ExpectMsg("c PreStart");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            child.Tell("fail", ActorRefs.NoSender);
            probe.ExpectMsg("c PreRestart fail");
            probe.ExpectMsg("c PostStop");
            probe.ExpectMsg("c PostRestart");
            probe.ExpectMsg("c PreStart");
        }

        child.Tell("fail", ActorRefs.NoSender);
        probe.ExpectMsg("c PostStop");
        probe.ExpectTerminated(child);
    }

    [Fact]
    public void Resume_keeps_the_actor_state()
    {
        var probe = CreateTestProbe();
        var strategy = new OneForOneStrategy(_ => Directive.Resume);
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new CountingActor(probe.Ref)))).WithSupervisorStrategy(strategy));
        var child = parent.Ask<IActorRef>("child", Dilated(TimeSpan.FromSeconds(3))).GetAwaiter().GetResult();

        child.Tell("inc", ActorRefs.NoSender);
        child.Tell("fail", ActorRefs.NoSender);
        child.Tell("inc", ActorRefs.NoSender);

        probe.ExpectMsg(1);
        probe.ExpectMsg(2);
    }

    [Fact]
    public void Stop_directive_stops_the_child_and_a_failing_constructor_stops_by_default()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new ThrowingConstructorActor()))));
        var child = parent.Ask<IActorRef>("child", Dilated(TimeSpan.FromSeconds(3))).GetAwaiter().GetResult();

        probe.Watch(child);

        probe.ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_restarts_the_parent_which_stops_and_recreates_its_children()
    {
        var probe = CreateTestProbe();
        var grandparentStrategy = new OneForOneStrategy(_ => Directive.Restart);
        var parentStrategy = new OneForOneStrategy(_ => Directive.Escalate);
        var grandparent = Sys.ActorOf(Props.Create(() => new ParentActor(
            Props.Create(() => new ParentActor(Props.Create(() => new LifecycleActor(probe.Ref, "leaf")))).WithSupervisorStrategy(parentStrategy)))
            .WithSupervisorStrategy(grandparentStrategy));
        var parent = grandparent.Ask<IActorRef>("child", Dilated(TimeSpan.FromSeconds(3))).GetAwaiter().GetResult();
        var leaf = parent.Ask<IActorRef>("child", Dilated(TimeSpan.FromSeconds(3))).GetAwaiter().GetResult();
        probe.ExpectMsg("leaf PreStart");

        leaf.Tell("fail", ActorRefs.NoSender);

        probe.ExpectMsg("leaf PostStop");
        probe.ExpectMsg("leaf PreStart");
    }

    [Fact]
    public void Restart_statistics_allow_exactly_max_retries_within_a_window()
    {
        var property = Prop.ForAll<(int Max, int[] Gaps)>(
            Arb.From(Gen.Choose(1, 5).Zip(Gen.ListOf(Gen.Choose(0, 50)).Select(l => l.ToArray()))),
            input =>
            {
                var window = TimeSpan.FromMilliseconds(100);
                var stats = default(RestartStatistics);
                var now = 1_000L;
                var history = new List<long>();
                foreach (var gap in input.Gaps)
                {
                    now += gap;
                    var (allowed, next) = stats.RequestRestart(input.Max, window, now);
                    stats = next;
                    var windowStart = next.WindowStartMilliseconds;
                    history.Add(now);
                    var inWindow = history.Count(t => t >= windowStart);
                    if (allowed != (inWindow <= input.Max) || next.RetriesInWindow != inWindow)
                    {
                        return false;
                    }
                }

                return true;
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Restart_statistics_start_a_new_window_after_a_quiet_period()
    {
        var stats = default(RestartStatistics);
        var window = TimeSpan.FromSeconds(1);
        (_, stats) = stats.RequestRestart(1, window, 0);
        var (allowedSoon, _) = stats.RequestRestart(1, window, 500);
        var (allowedLater, later) = stats.RequestRestart(1, window, 1_500);

        Assert.False(allowedSoon);
        Assert.True(allowedLater);
        Assert.Equal(1, later.RetriesInWindow);
        Assert.False(default(RestartStatistics).RequestRestart(0, window, 0).Allowed);
        Assert.True(default(RestartStatistics).RequestRestart(-1, Timeout.InfiniteTimeSpan, 0).Allowed);
    }

    [Fact]
    public void Backoff_grows_exponentially_within_bounds()
    {
        var property = Prop.ForAll<(int Attempt, double Random)>(
            Arb.From(Gen.Choose(0, 100).Zip(Gen.Choose(0, 999).Select(i => i / 1000.0))),
            input =>
            {
                var backoff = new RestartBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5), 0.5);
                var delay = backoff.DelayFor(input.Attempt, input.Random);
                var expectedBase = Math.Min(5000, 10 * Math.Pow(2, input.Attempt));
                return Math.Abs(delay.TotalMilliseconds - (expectedBase * (1 + (input.Random * 0.5)))) < 0.01
                    && delay >= backoff.MinBackoff
                    && delay <= backoff.MaxBackoff * 1.5;
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(1), 2));
    }

    private sealed class GatedFailingActor : ReceiveActor
    {
        private int _handled;

        public GatedFailingActor(IActorRef probe, ManualResetEventSlim gate)
        {
            Receive<string>(s => s == "block-then-fail", _ =>
            {
                gate.Wait(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException("failing on purpose");
            });
            Receive<string>(s => probe.Tell($"{s} (fresh state: {++_handled})", Self));
            probe.Tell("started", ActorRefs.NoSender);
        }
    }

    private sealed class ParentActor : ReceiveActor
    {
        public ParentActor(Props childProps)
        {
            var child = Context.ActorOf(childProps, "child");
            Receive<string>(s => s == "child", _ => Sender.Tell(Context.Child("child") is var c && !c.Equals(ActorRefs.Nobody) ? c : child, Self));
        }
    }

    private sealed class CountingActor : ReceiveActor
    {
        private int _count;

        public CountingActor(IActorRef probe)
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("resume me"));
            Receive<string>(_ => probe.Tell(++_count, Self));
        }
    }

    private sealed class ThrowingConstructorActor : ReceiveActor
    {
        public ThrowingConstructorActor() => throw new InvalidOperationException("cannot start");
    }
}
