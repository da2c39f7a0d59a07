using System.Threading.Channels;
using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace RelayMesos.Benchmarks.Actors;

/// <summary>
/// Tell ping-pong between two actors and Ask round trips, against the same ping-pong over two raw
/// <see cref="Channel{T}"/>s (the baseline): the ratio is the price of Akka.NET's mailbox and dispatcher.
/// Run: <c>dotnet run -c Release --project tests/RelayMesos.Benchmarks -- --filter '*ActorPingPong*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class ActorPingPongBenchmarks
{
    private const int RoundTrips = 10_000;
    private ActorSystem _system = null!;
    private IActorRef _echo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench");
        _echo = _system.ActorOf(Props.Create(() => new EchoActor()), "echo");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public async Task ChannelPingPong()
    {
        var ping = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pong = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var ponger = Task.Run(async () =>
        {
            await foreach (var n in ping.Reader.ReadAllAsync())
            {
                await pong.Writer.WriteAsync(n);
            }
        });
        for (var i = 0; i < RoundTrips; i++)
        {
            await ping.Writer.WriteAsync(i);
            await pong.Reader.ReadAsync();
        }

        ping.Writer.Complete();
        await ponger;
    }

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public Task ActorTellPingPong()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pinger = _system.ActorOf(Props.Create(() => new PingActor(_echo, RoundTrips, done)));
        pinger.Tell(0, ActorRefs.NoSender);
        return done.Task.ContinueWith(_ => _system.Stop(pinger), TaskScheduler.Default);
    }

    [Benchmark(OperationsPerInvoke = RoundTrips / 10)]
    public async Task ActorAskRoundTrip()
    {
        var timeout = TimeSpan.FromSeconds(10);
        for (var i = 0; i < RoundTrips / 10; i++)
        {
            await _echo.Ask<int>(i, timeout);
        }
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
    }

    private sealed class PingActor : ReceiveActor
    {
        public PingActor(IActorRef echo, int roundTrips, TaskCompletionSource done) =>
            Receive<int>(n =>
            {
                if (n == roundTrips)
                {
                    done.TrySetResult();
                }
                else
                {
                    echo.Tell(n + 1, Self);
                }
            });
    }
}
