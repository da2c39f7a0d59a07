using Akka.Actor;
using Akka.DependencyInjection;
using Akka.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Failover;
using RelayMesos.Framework.Actors;
using RelayMesos.LocalCluster;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.Scheduler;

namespace RelayMesos.Framework.Tests.Actors;

/// <summary>
/// The singleton and its framework terms as the host wires them (the term's dependencies from a service provider,
/// through Akka.DependencyInjection), against the embedded Mesos cluster over real HTTP with real bash tasks.
/// </summary>
public sealed class FrameworkSingletonTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly LocalMesosCluster _cluster = new(new LocalClusterOptions
    {
        Port = 0,
        Cpus = 2,
        Mem = 1024,
        AllocationInterval = TimeSpan.FromMilliseconds(50),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        StatusRetryInterval = TimeSpan.FromMilliseconds(400),
        DefaultKillGracePeriod = TimeSpan.FromMilliseconds(500),
        // Tests run as root here, as relay-mesos run's embedded cluster allows.
        AllowRoot = true,
    });

    private readonly Lease _lease = new();
    private readonly Run _run = new();
    private readonly TestProbe _events;

    public FrameworkSingletonTests()
        : this(new Holder())
    {
    }

    private FrameworkSingletonTests(Holder holder)
        : base(BootstrapSetup.Create().WithConfig(FrameworkTestConfig.Config).And(DependencyResolverSetup.Create(holder.Services)))
    {
        holder.Fill(this);
        _events = CreateTestProbe("events");
        Sys.EventStream.Subscribe(_events.Ref, typeof(FrameworkSubscribed));
        Sys.EventStream.Subscribe(_events.Ref, typeof(LeadershipStatus));
    }

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        await _cluster.DisposeAsync();
    }

    /// <summary>What the master's /master/state says runs now, over HTTP as any Mesos client reads it.</summary>
    private async Task<int> RunningTasksAsync()
    {
        using var http = new HttpClient();
        using var state = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(_cluster.MasterUri, "master/state")));
        return state.RootElement.GetProperty("frameworks").EnumerateArray()
            .SelectMany(f => f.GetProperty("tasks").EnumerateArray())
            .Count(t => t.GetProperty("state").GetString() == "TASK_RUNNING");
    }

    private IActorRef StartSingleton() =>
        Sys.ActorOf(Props.Create(() => new FrameworkSingleton(_lease, _run, NullLoggerFactory.Instance)), "framework");

    [Fact]
    public async Task A_term_subscribes_launches_what_the_controller_asks_and_is_started_again_after_it_dies()
    {
        _lease.Epoch = 7;
        var singleton = StartSingleton();
        Assert.Equal(new LeadershipStatus(true, 7), _events.FishForMessage<LeadershipStatus>(_ => true, Patience));
        var first = _events.FishForMessage<FrameworkSubscribed>(_ => true, Patience);

        // metric 0, target 2: the controller asks for two warmers, and they run on the embedded agents.
        await AwaitAssertAsync(async () => Assert.Equal(2, await RunningTasksAsync()), Patience, TimeSpan.FromMilliseconds(200));

        // A child's death ends the term; Akka's backoff supervisor starts the next, which resumes the same framework.
        Sys.ActorSelection(singleton.Path / "framework" / "framework-term" / "mesos-gateway").Tell(PoisonPill.Instance);
        var second = _events.FishForMessage<FrameworkSubscribed>(_ => true, Patience);
        Assert.Equal(first.FrameworkId, second.FrameworkId);
    }

    [Fact]
    public async Task After_the_run_ended_a_singleton_starts_no_term_and_says_so_to_operators()
    {
        _lease.Epoch = 3;
        _run.HasEnded = true;
        var singleton = StartSingleton();

        _events.FishForMessage<LeadershipStatus>(s => s.IsLeader, Patience);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => singleton.Ask<OperatorState>(PauseController.Instance, Patience));
        Assert.Contains("run has ended", refused.Message, StringComparison.Ordinal);
        _events.ExpectNoMsg(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await RunningTasksAsync());
    }

    [Fact]
    public async Task A_term_started_after_its_lease_epoch_moved_on_stays_idle()
    {
        _lease.Epoch = 4;
        var singleton = StartSingleton();
        _events.FishForMessage<FrameworkSubscribed>(_ => true, Patience);

        // The lease is lost (another member holds epoch 5) before the singleton manager has stopped this singleton:
        // the term that the backoff supervisor starts next must not subscribe beside the new holder's.
        _lease.Epoch = null;
        Sys.ActorSelection(singleton.Path / "framework" / "framework-term" / "mesos-gateway").Tell(PoisonPill.Instance);
        _events.ExpectNoMsg(TimeSpan.FromSeconds(4));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => singleton.Ask<OperatorState>(PauseController.Instance, Patience));
        Assert.Contains("restarting", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_the_controller_asks_for_goes_to_the_run()
    {
        _lease.Epoch = 1;
        var singleton = StartSingleton();
        _events.FishForMessage<FrameworkSubscribed>(_ => true, Patience);

        var stop = new StopRequested(3, "test stop");
        Sys.ActorSelection(singleton.Path / "framework" / "framework-term").Tell(stop);
        AwaitAssert(() => Assert.Equal(stop, _run.Stops.Single()), Patience);
    }

    [Fact]
    public async Task A_term_told_the_embedded_cluster_stops_stops_deciding_before_it_records_its_tasks_as_ended()
    {
        _lease.Epoch = 2;
        var singleton = StartSingleton();
        var decisions = CreateTestProbe("decisions");
        Sys.EventStream.Subscribe(decisions.Ref, typeof(DecisionMade));
        await AwaitAssertAsync(async () => Assert.Equal(2, await RunningTasksAsync()), Patience, TimeSpan.FromMilliseconds(200));

        // What the host's hand-off asks on stop: afterwards nothing may decide or launch, and the journal holds the tasks as ended.
        Assert.IsType<MesosGateway.Done>(await singleton.Ask<object>(EmbeddedClusterStopping.Instance, Patience));
        decisions.ReceiveWhile<DecisionMade>(_ => true, TimeSpan.FromMilliseconds(300));
        decisions.ExpectNoMsg(TimeSpan.FromSeconds(2));
        var table = await Sys.ActorSelection(singleton.Path / "framework" / "framework-term" / "status-reconciler")
            .Ask<TaskTableChanged>(GetTaskTable.Instance, Patience);
        Assert.Empty(table.Table.NonTerminal());
    }

    private sealed class Lease : ILeaseHolder
    {
        public long? Epoch { get; set; }

        public long? HeldEpoch => Epoch;

        public bool LeadsNow => Epoch is not null;
    }

    private sealed class Run : IRunLifecycle
    {
        private readonly List<StopRequested> _stops = [];

        public bool HasEnded { get; set; }

        public IReadOnlyList<StopRequested> Stops
        {
            get
            {
                lock (_stops)
                {
                    return [.. _stops];
                }
            }
        }

        public void RequestStop(StopRequested stop)
        {
            lock (_stops)
            {
                _stops.Add(stop);
            }
        }
    }

    private sealed class Clients(LocalMesosCluster cluster) : IMesosClientFactory
    {
        public MesosSchedulerClient Create() => new(
            new MesosSchedulerSettings { BackoffMin = TimeSpan.FromMilliseconds(100), BackoffMax = TimeSpan.FromSeconds(1) },
            MasterDetectors.Create(cluster.MasterUri.ToString().TrimEnd('/'), NullLoggerFactory.Instance),
            NullLogger<MesosSchedulerClient>.Instance);
    }

    /// <summary>The service provider must exist before the actor system (its setup holds it); the test's fields fill it.</summary>
    private sealed class Holder
    {
        private FrameworkSingletonTests? _test;

        public IServiceProvider Services { get; }

        public Holder()
        {
            var services = new ServiceCollection();
            services.AddSingleton(new FrameworkLoops(
            [
                new LoopDefinition(
                    FrameworkFixtures.Settings() with { Warmer = "sleep 30", RefuseOffers = TimeSpan.FromMilliseconds(200) },
                    new ControllerSettings { Delay = TimeSpan.FromMilliseconds(250), MaxStep = 2 },
                    new LoopSources(new ConstantMetricSource(0), new ConstantMetricSource(2)),
                    FailurePolicySettings.Default),
            ]));
            services.AddSingleton<IMesosClientFactory>(_ => new Clients(Test._cluster));
            services.AddSingleton<IRunLifecycle>(_ => Test._run);
            services.AddSingleton<ILeaseHolder>(_ => Test._lease);
            services.AddSingleton(new DatabaseIncidentLog());
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            Services = services.BuildServiceProvider();
        }

        private FrameworkSingletonTests Test => _test ?? throw new InvalidOperationException("The test has not been built yet.");

        public void Fill(FrameworkSingletonTests test) => _test = test;
    }
}
