using FsCheck;
using FsCheck.Fluent;

namespace RelayMesos.Actors.Tests;

using RelayMesos.TestKit;

public sealed class OrderingAndConcurrencyTests : TestKit
{
    [Fact]
    public void Messages_from_one_sender_arrive_in_the_order_they_were_sent()
    {
        var property = Prop.ForAll<int[]>(
            Arb.From(Gen.ListOf(Gen.Choose(0, 1000)).Select(l => l.ToArray())),
            messages =>
            {
                var probe = CreateTestProbe();
                var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(probe.Ref)));
                foreach (var message in messages)
                {
                    forwarder.Tell(message, ActorRefs.NoSender);
                }

                forwarder.Tell("end", ActorRefs.NoSender);
                var received = probe.ReceiveWhile<int>(_ => true);
                probe.ExpectMsg("end");
                Sys.Stop(forwarder);
                return received.SequenceEqual(messages);
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), property);
    }

    [Fact]
    public void Interleaved_senders_each_keep_their_own_order()
    {
        var probe = CreateTestProbe();
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(probe.Ref)));
        const int senders = 8;
        const int perSender = 2000;
        Parallel.For(0, senders, s =>
        {
            for (var i = 0; i < perSender; i++)
            {
                forwarder.Tell((s, i), ActorRefs.NoSender);
            }
        });

        var received = probe.ReceiveN<(int Sender, int Index)>(senders * perSender);

        foreach (var group in received.GroupBy(m => m.Sender))
        {
            Assert.Equal(Enumerable.Range(0, perSender), group.Select(m => m.Index));
        }
    }

    [Fact]
    public async Task An_actor_never_processes_two_messages_at_once_under_many_senders()
    {
        var tracker = new ConcurrencyTracker();
        var actor = Sys.ActorOf(Props.Create(() => new ConcurrencyCheckingActor(tracker)));
        const int total = 20_000;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < total / 8; i++)
            {
                actor.Tell(i, ActorRefs.NoSender);
            }
        })));

        var processed = await actor.Ask<int>("count", Dilated(TimeSpan.FromSeconds(10)));

        Assert.Equal(total, processed);
        Assert.Equal(1, tracker.MaxConcurrency);
    }

    [Fact]
    public async Task Async_handlers_finish_before_the_next_message_starts()
    {
        var tracker = new ConcurrencyTracker();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncConcurrencyCheckingActor(tracker)));
        for (var i = 0; i < 200; i++)
        {
            actor.Tell(i, ActorRefs.NoSender);
        }

        var order = await actor.Ask<List<int>>("order", Dilated(TimeSpan.FromSeconds(10)));

        Assert.Equal(Enumerable.Range(0, 200), order);
        Assert.Equal(1, tracker.MaxConcurrency);
    }

    private sealed class ConcurrencyTracker
    {
        private int _current;
        private int _max;

        public int MaxConcurrency => Volatile.Read(ref _max);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _current);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }
        }

        public void Exit() => Interlocked.Decrement(ref _current);
    }

    private sealed class ConcurrencyCheckingActor : ReceiveActor
    {
        private int _count;

        public ConcurrencyCheckingActor(ConcurrencyTracker tracker)
        {
            Receive<int>(_ =>
            {
                tracker.Enter();
                Thread.SpinWait(20);
                _count++;
                tracker.Exit();
            });
            Receive<string>(_ => Sender.Tell(_count, Self));
        }
    }

    private sealed class AsyncConcurrencyCheckingActor : ReceiveActor
    {
        private readonly List<int> _order = [];

        public AsyncConcurrencyCheckingActor(ConcurrencyTracker tracker)
        {
            ReceiveAsync<int>(async i =>
            {
                tracker.Enter();
                await Task.Yield();
                _order.Add(i);
                tracker.Exit();
            });
            Receive<string>(_ => Sender.Tell(_order.ToList(), Self));
        }
    }
}
