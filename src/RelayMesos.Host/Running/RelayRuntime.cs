using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Framework;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Leasing;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Settings;
using RelayMesos.Hocon;
using RelayMesos.Host.Web;
using RelayMesos.LocalCluster;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.Scheduler;
using RelayMesos.Persistence.Sql;
using RelayMesos.Persistence.Sql.Leasing;

namespace RelayMesos.Host.Running;

/// <summary>
/// One running relay-mesos instance: the embedded cluster (when master = local), the database, and the Generic Host that
/// carries the Akka.NET actor system (Akka.Hosting). The actor system is a member of an Akka.Cluster (alone, it is a
/// one-node cluster); the framework runs as the cluster singleton, guarded by the SQL lease, and every instance reaches
/// it through a singleton proxy.
/// </summary>
public sealed class RelayRuntime : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<StopRequested> _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new();
    private LocalMesosCluster? _cluster;
    private SqlPersistenceSet? _persistence;
    private string _leaseRow = "";
    private IHost? _akkaHost;
    private volatile bool _stopping;
    private StopRequested? _runEnded;
    private SeedJoin? _seedJoin;

    private RelayRuntime(ILoggerFactory loggers)
    {
        Loggers = loggers;
        Metrics = new RelayMetrics(Observer);
        _logger = loggers.CreateLogger("RelayMesos.Host");
        loggers.AddProvider(new RecentProblemsLoggerProvider(Observer));
    }

    /// <summary>What the web UI and /metrics show; subscribed to the event stream before any framework actor starts.</summary>
    public RelayObserver Observer { get; } = new();

    /// <summary>The /metrics families: the observer's figures and the journal-write latency.</summary>
    public RelayMetrics Metrics { get; }

    /// <summary>The controller's journaled steps, read through Akka.Persistence.Query.</summary>
    public ControllerHistoryReader History { get; private set; } = null!;

    public ILoggerFactory Loggers { get; }

    public ActorSystem System { get; private set; } = null!;

    /// <summary>The framework singleton, wherever in the cluster it runs: a <c>ClusterSingletonProxy</c>.</summary>
    public IActorRef Framework { get; private set; } = ActorRefs.Nobody;

    public string Master { get; private set; } = "";

    /// <summary>This process in the cluster and in the lease table: its remoting host:port (the lease's owner name).</summary>
    public string InstanceId { get; private set; } = "";

    /// <summary>Whether this instance may act right now: it holds a lease term. Without a SQL store the lone instance always acts.</summary>
    public bool LeadsNow => _persistence is null || _persistence.HeldEpoch(_leaseRow) is not null;

    /// <summary>The singleton's lease row as the database sees it now; null without a SQL store or before anyone took it.</summary>
    public Task<LeaderInfo?> ReadLeaderAsync(CancellationToken cancellationToken) =>
        _persistence is null ? Task.FromResult<LeaderInfo?>(null) : _persistence.ReadLeaseAsync(_leaseRow, cancellationToken);

    /// <summary>The cluster's members that are up, as this instance sees them (host:port), oldest first.</summary>
    public IReadOnlyList<string> Members =>
        Cluster.Get(System).State.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).Select(m => m.Address.HostPort()).ToList();

    /// <summary>Completes when the framework asks the process to end (stop condition, max-failures, Mesos refusal).</summary>
    public Task<StopRequested> StopRequested => _stop.Task;

    /// <exception cref="Hocon.ConfigurationValueException">A setting is invalid.</exception>
    public static async Task<RelayRuntime> StartAsync(HoconConfig hocon, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var config = new ConfigurationBuilder().AddHocon(hocon).Build();
        var controller = ControllerSettingsBinder.Bind(config);
        var framework = FrameworkSettingsBinder.Bind(config, controller);
        var policy = MetricSourceFactory.BindFailurePolicy(config);
        var persistence = PersistenceSettings.Bind(config);

        var runtime = new RelayRuntime(loggers);
        try
        {
            await runtime.StartAsync(hocon, config, controller, framework, policy, persistence, cancellationToken).ConfigureAwait(false);
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartAsync(
        HoconConfig hocon,
        IConfiguration config, ControllerSettings controller, FrameworkSettings framework, FailurePolicySettings policy,
        SqlPersistenceOptions? persistence, CancellationToken cancellationToken)
    {
        Master = framework.Master;
        if (framework.Master == "local")
        {
            _cluster = new LocalMesosCluster(LocalClusterSettings.Bind(config), Loggers);
            await _cluster.StartAsync(cancellationToken).ConfigureAwait(false);
            Master = _cluster.MasterUri.ToString().TrimEnd('/');
            _logger.LogInformation("Embedded Mesos cluster listening on {Master} (work dir {WorkDir}).", Master, _cluster.WorkDir);
        }

        if (persistence is null)
        {
            _logger.LogWarning("Persistence is in memory: controller history and the task table die with this process.");
        }
        else
        {
            _persistence = await SqlPersistence.CreateAsync(persistence, Environment.MachineName + ":" + Environment.ProcessId.ToString(global::System.Globalization.CultureInfo.InvariantCulture), Loggers, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Persistence: {Store}.", persistence);
        }

        var counter = new TaskCounter();
        var context = new MetricSourceContext(_http, TimeProvider.System, counter, Loggers);
        var metric = MetricSources.Create(config, "relay.metric", context);
        var target = MetricSources.Create(config, "relay.target", context);
        var master = Master;
        var dependencies = new FrameworkDependencies(
            framework with { Master = master },
            controller,
            metric,
            target,
            policy,
            () => CreateClient(framework, master),
            counter,
            TimeProvider.System,
            Loggers,
            EndRun,
            Database: _persistence?.Incidents,
            RunEnded: () => Volatile.Read(ref _runEnded) is not null);

        _leaseRow = hocon.GetString(LeaseBlock + ".lease-name", "");
        _akkaHost = BuildAkkaHost(hocon, config, dependencies with { LeaseEpoch = () => _persistence?.HeldEpoch(_leaseRow) });
        await _akkaHost.StartAsync(cancellationToken).ConfigureAwait(false);
        System = _akkaHost.Services.GetRequiredService<ActorSystem>();
        var cluster = Cluster.Get(System);
        InstanceId = cluster.SelfAddress.HostPort();
        var registry = _akkaHost.Services.GetRequiredService<ActorRegistry>();
        Framework = await registry.GetAsync<FrameworkSingleton>(cancellationToken).ConfigureAwait(false);
        History = new ControllerHistoryReader(System, PersistenceIds.Controller(dependencies.Settings));
        _ = System.WhenTerminated.ContinueWith(_ => OnSystemTerminated(), TaskScheduler.Default);

        // Warm the journal before joining: the first use costs seconds on a busy machine and would otherwise fall inside
        // the first singleton's recovery, i.e. inside every takeover's figure.
        await WarmUpJournalAsync(cancellationToken).ConfigureAwait(false);
        var seeds = ClusterSeeds.Read(hocon);
        cluster.RegisterOnMemberUp(() => _logger.LogInformation(
            "Joined the Akka cluster as {Instance} ({Seeds}); competing for leadership.",
            InstanceId, seeds.Count == 0 ? "no seed nodes: a cluster of its own" : "seed nodes " + string.Join(", ", seeds)));
        // Not awaited: an instance whose seeds are not up yet keeps trying in the background (Akka retries every
        // seed-node-timeout) while its web UI already answers.
        if (seeds.Count == 0)
        {
            // No seeds: a cluster of this instance alone, with no set-up.
            cluster.Join(cluster.SelfAddress);
        }
        else
        {
            _seedJoin = SeedJoin.Start(System, seeds);
        }
    }

    /// <summary>The HOCON block that configures the singleton's lease (akka.cluster.singleton.use-lease names it).</summary>
    private const string LeaseBlock = "akka.coordination.relay-sql-lease";

    /// <summary>
    /// The Generic Host carrying the actor system. Akka gets the <c>akka</c> section of our resolved configuration, rendered as
    /// plain HOCON (Akka's own parser never sees user text), its log lines go to our logger factory, and the journal and
    /// snapshot store are Akka.Persistence.Sql on the database the lease lives in.
    /// </summary>
    private IHost BuildAkkaHost(HoconConfig hocon, IConfiguration config, FrameworkDependencies dependencies)
    {
        var builder = new HostBuilder();
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IHostLifetime, ExternallyOwnedLifetime>();
            services.AddSingleton(Loggers);
            if (_persistence is not null)
            {
                // What SqlLease (created by Akka by reflection) finds through Akka.DependencyInjection.
                services.AddSingleton(_persistence);
            }

            services.AddAkka("relay-mesos", (akka, _) =>
            {
                akka.AddHocon(AkkaSection(hocon), HoconAddMode.Prepend);
                // Seeds are joined by hand after the journal is warm (JoinSeedNodesAsync); Akka must not join on its own.
                akka.AddHocon("akka.cluster.seed-nodes = []", HoconAddMode.Prepend);
                if (_persistence is null)
                {
                    // The in-memory store has no lease row: a lone instance needs none, several must not share nothing.
                    akka.AddHocon("akka.cluster.singleton.use-lease = \"\"", HoconAddMode.Prepend);
                }

                akka.ConfigureLoggers(logging =>
                {
                    logging.LogLevel = AkkaLogLevel(config.GetString("relay.logging.level", "Information"));
                    logging.ClearLoggers();
                    logging.AddLoggerFactory(new AkkaConsequenceLogFilter(Loggers));
                });
                if (_persistence is null)
                {
                    akka.WithInMemoryJournal().WithInMemorySnapshotStore();
                }
                else
                {
                    akka.WithSqlPersistence(connectionString: _persistence.AkkaConnectionString, providerName: _persistence.AkkaProviderName, autoInitialize: true);
                }

                // Cluster and singleton settings (downing, failure detector, use-lease) come from the akka section: the lease
                // is named there, not through ClusterSingletonOptions.LeaseImplementation, whose block Akka.Cluster.Hosting
                // 1.5.73 never adds (LeaseProvider.GetLease then throws a NullReferenceException).
                akka.WithClustering(new ClusterOptions());
                akka.WithSingleton<FrameworkSingleton>(
                    "framework",
                    Props.Create(() => new FrameworkSingleton(dependencies)),
                    new ClusterSingletonOptions(),
                    createProxyToo: true);
                akka.WithActors((system, registry) =>
                {
                    Action<StopRequested> endedElsewhere = OnRunEndedElsewhere;
                    system.ActorOf(Props.Create(() => new RunStopListener(endedElsewhere)), RunStopListener.Name);
                    system.ActorOf(Props.Create(() => new ObserverBridge(Observer, Metrics.JournalWrites)), "observer");
                    system.ActorOf(Props.Create(() => new DeadLetterLog(Loggers.CreateLogger("RelayMesos.DeadLetters"))), "dead-letter-log");
                    system.ActorOf(Props.Create(() => new MembershipLog(Loggers.CreateLogger("RelayMesos.Cluster"))), "membership-log");
                    if (config.GetBool("relay.leader-election.down-gone-members", true))
                    {
                        system.ActorOf(Props.Create(() => new GoneMemberDowning(Loggers.CreateLogger("RelayMesos.Cluster"))), GoneMemberDowning.Name);
                    }
                });
            });
        });
        return builder.Build();
    }

    /// <summary>
    /// The singleton's term asks the run to end (stop condition, max-failures, Mesos refusing the framework). The run is
    /// the cluster's, not this process's: every other member is told first and confirms, so none of them starts the
    /// framework when the singleton moves on as this member leaves; then this process ends too. A term that no longer
    /// holds the lease speaks for nobody: its stop is ignored and the new singleton carries on (it will stop by itself
    /// if the condition still holds, e.g. the failure count is journaled).
    /// </summary>
    private void EndRun(StopRequested stop)
    {
        if (!LeadsNow)
        {
            _logger.LogWarning("A deposed term asked the run to stop ({Reason}); ignored, the lease holder decides.", stop.Reason);
            return;
        }

        if (Interlocked.CompareExchange(ref _runEnded, stop, null) is not null)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await TellOtherMembersAsync(stop).ConfigureAwait(false);
            _stop.TrySetResult(stop);
        });
    }

    /// <summary>Another member's singleton ended the run: this instance ends with the same exit code and reason.</summary>
    private void OnRunEndedElsewhere(StopRequested stop)
    {
        Interlocked.CompareExchange(ref _runEnded, stop, null);
        _stop.TrySetResult(stop);
    }

    private async Task TellOtherMembersAsync(StopRequested stop)
    {
        var cluster = Cluster.Get(System);
        var state = cluster.State;
        var others = state.Members
            .Where(m => !m.Address.Equals(cluster.SelfAddress)
                        && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining or MemberStatus.Leaving
                        && !state.Unreachable.Contains(m))
            .Select(m => m.Address)
            .ToList();
        if (others.Count == 0)
        {
            return;
        }

        _logger.LogInformation("The run ends; telling the other members: {Members}.", string.Join(", ", others.Select(a => a.HostPort())));
        var unconfirmed = await Task.WhenAll(others.Select(async address =>
        {
            try
            {
                await System.ActorSelection(new RootActorPath(address) / "user" / RunStopListener.Name)
                    .Ask<StopRequested>(stop, RunStopConfirmTimeout).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
            {
                return address.HostPort();
            }
        })).ConfigureAwait(false);
        var missing = unconfirmed.OfType<string>().ToList();
        if (missing.Count > 0)
        {
            _logger.LogWarning(
                "{Members} did not confirm the stop within {Timeout}; such a member may take the singleton over and resume the run.",
                string.Join(", ", missing), RunStopConfirmTimeout);
        }
    }

    /// <summary>How long the singleton's host waits for each member to confirm a stop before it leaves anyway.</summary>
    private static readonly TimeSpan RunStopConfirmTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The actor system ended without our asking: the split-brain resolver downed this instance (or it left the cluster).
    /// A downed member cannot rejoin with the same actor system, so the process ends and its supervisor restarts it.
    /// </summary>
    private void OnSystemTerminated()
    {
        if (_stopping)
        {
            return;
        }

        _stop.TrySetResult(_seedJoin?.Failure(System)
            ?? new StopRequested(Cli.ExitCodes.RemovedFromCluster, "this instance was removed from the Akka cluster (downed by the split-brain resolver); restart it to rejoin"));
    }

    private async Task WarmUpJournalAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        System.ActorOf(Props.Create(() => new JournalWarmUp(done)), "journal-warm-up");
        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Not fatal: the framework's own recovery retries through the term's backoff.
            _logger.LogWarning("The journal did not answer within 60 s at start; joining the cluster anyway.");
        }
    }

    private static string AkkaSection(HoconConfig hocon) =>
        hocon.HasPath("akka") ? "akka {\n" + hocon.GetConfig("akka").Render() + "}\n" : "";

    private static Akka.Event.LogLevel AkkaLogLevel(string level) => level.ToUpperInvariant() switch
    {
        "TRACE" or "DEBUG" => Akka.Event.LogLevel.DebugLevel,
        "INFORMATION" => Akka.Event.LogLevel.InfoLevel,
        "WARNING" => Akka.Event.LogLevel.WarningLevel,
        _ => Akka.Event.LogLevel.ErrorLevel,
    };

    private MesosSchedulerClient CreateClient(FrameworkSettings settings, string master)
    {
        var mesos = new MesosSchedulerSettings
        {
            ContentType = settings.ContentType == "json" ? Mesos.Codec.MesosContentType.Json : Mesos.Codec.MesosContentType.Protobuf,
            Principal = settings.Principal.Length > 0 ? settings.Principal : null,
            SecretFile = settings.SecretFile.Length > 0 ? settings.SecretFile : null,
            CaCertificateFile = settings.CaFile.Length > 0 ? settings.CaFile : null,
            HeartbeatTimeoutMultiplier = settings.HeartbeatMisses,
            BackoffMin = settings.BackoffMin,
            BackoffMax = settings.BackoffMax,
        };
        return new MesosSchedulerClient(mesos, MasterDetectors.Create(master, Loggers), Loggers.CreateLogger<MesosSchedulerClient>());
    }

    /// <summary>Stops acting and leaves the framework registered (so a restart resumes), unless <paramref name="teardown"/>.</summary>
    public async Task StopAsync(bool teardown)
    {
        if (teardown)
        {
            try
            {
                await Framework.Ask<object>(new TeardownFramework(), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AskTimeoutException or InvalidOperationException)
            {
                _logger.LogWarning("Teardown did not complete: {Reason}", ex.Message);
            }
        }
        else if (_cluster is not null && !System.WhenTerminated.IsCompleted)
        {
            await RecordEmbeddedTasksEndedAsync().ConfigureAwait(false);
        }

        await StopAkkaAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stopping the host runs Akka's CoordinatedShutdown: this member leaves the cluster (a singleton here hands over and
    /// releases its lease, so the next oldest takes over at once), actors stop, the journal's connections close.
    /// </summary>
    private async Task StopAkkaAsync()
    {
        _stopping = true;
        if (_akkaHost is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _akkaHost.StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>The embedded cluster's tasks die with this process: the journal says so, instead of the next start finding them lost.</summary>
    private async Task RecordEmbeddedTasksEndedAsync()
    {
        try
        {
            await Framework.Ask<object>(EmbeddedClusterStopping.Instance, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or InvalidOperationException)
        {
            _logger.LogWarning("Could not record the embedded cluster's tasks as ended: {Reason}", ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAkkaAsync().ConfigureAwait(false);
        _akkaHost?.Dispose();

        if (_persistence is not null)
        {
            await _persistence.DisposeAsync().ConfigureAwait(false);
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }
}
