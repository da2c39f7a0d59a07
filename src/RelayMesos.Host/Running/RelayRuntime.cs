using Akka.Actor;
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
/// One running relay-mesos instance: the embedded cluster (when master = local), the database and lease, the
/// Generic Host that carries the Akka.NET actor system (Akka.Hosting), and the elector that decides whether this
/// instance acts or stands by.
/// </summary>
public sealed class RelayRuntime : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<StopRequested> _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _electorLoop = new();
    private readonly HttpClient _http = new();
    private LocalMesosCluster? _cluster;
    private SqlPersistenceSet? _persistence;
    private LeaderElector? _elector;
    private Task _electorPump = Task.CompletedTask;
    private Task _leaderWatch = Task.CompletedTask;
    private LeaderInfo? _leader;
    private IHost? _akkaHost;

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

    public IActorRef Leadership { get; private set; } = ActorRefs.Nobody;

    public string Master { get; private set; } = "";

    /// <summary>This process in the lease table: host, pid and a random part, so a restarted process is a new holder.</summary>
    public string InstanceId { get; } = string.Join(':', global::System.Environment.MachineName, global::System.Environment.ProcessId, Guid.NewGuid().ToString("N")[..8]);

    public LeaderLease? Lease => _persistence?.Lease;

    /// <summary>
    /// Whether this instance may act right now: it holds a term whose local deadline has not passed. Judged at
    /// the moment of asking, so a process thawed after a freeze never calls itself leader on stale news.
    /// </summary>
    public bool LeadsNow => _elector?.HoldsLease ?? true;

    /// <summary>The lease holder as last read by this instance (refreshed every renew interval); null before the first read or without a SQL store.</summary>
    public LeaderInfo? CurrentLeader => Volatile.Read(ref _leader);

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
            _persistence = await SqlPersistence.CreateAsync(persistence, InstanceId, Loggers, cancellationToken).ConfigureAwait(false);
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
            stop => _stop.TrySetResult(stop),
            Database: _persistence?.Incidents);

        _akkaHost = BuildAkkaHost(hocon, config, dependencies);
        await _akkaHost.StartAsync(cancellationToken).ConfigureAwait(false);
        System = _akkaHost.Services.GetRequiredService<ActorSystem>();
        var registry = _akkaHost.Services.GetRequiredService<ActorRegistry>();
        Leadership = await registry.GetAsync<LeadershipSupervisor>(cancellationToken).ConfigureAwait(false);
        History = new ControllerHistoryReader(System, PersistenceIds.Controller(dependencies.Settings));
        await WarmUpJournalAsync(cancellationToken).ConfigureAwait(false);
        if (_persistence is null)
        {
            Leadership.Tell(new LeadershipGained(0), ActorRefs.NoSender);
            return;
        }

        _elector = _persistence.CreateElector();
        _elector.Start();
        _logger.LogInformation("Competing for leadership as {Instance}.", InstanceId);
        _electorPump = Task.Run(PumpLeadershipAsync, CancellationToken.None);
        _leaderWatch = Task.Run(WatchLeaderAsync, CancellationToken.None);
    }

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
            services.AddAkka("relay-mesos", (akka, _) =>
            {
                akka.AddHocon(AkkaSection(hocon), HoconAddMode.Prepend);
                akka.ConfigureLoggers(logging =>
                {
                    logging.LogLevel = AkkaLogLevel(config.GetString("relay.logging.level", "Information"));
                    logging.ClearLoggers();
                    logging.AddLoggerFactory(Loggers);
                });
                if (_persistence is null)
                {
                    akka.WithInMemoryJournal().WithInMemorySnapshotStore();
                }
                else
                {
                    akka.WithSqlPersistence(connectionString: _persistence.AkkaConnectionString, providerName: _persistence.AkkaProviderName, autoInitialize: true);
                }

                akka.WithActors((system, registry) =>
                {
                    system.ActorOf(Props.Create(() => new ObserverBridge(Observer, Metrics.JournalWrites)), "observer");
                    system.ActorOf(Props.Create(() => new DeadLetterLog(Loggers.CreateLogger("RelayMesos.DeadLetters"))), "dead-letter-log");
                    registry.Register<LeadershipSupervisor>(system.ActorOf(Props.Create(() => new LeadershipSupervisor(dependencies)), "leadership"));
                });
            });
        });
        return builder.Build();
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
            _logger.LogWarning("The journal did not answer within 60 s at start; competing for leadership anyway.");
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

    /// <summary>Reads the lease row every renew interval so a standby can say who leads; logs each change of leader.</summary>
    private async Task WatchLeaderAsync()
    {
        var lease = _persistence!.Lease;
        string? announced = null;
        while (!_electorLoop.IsCancellationRequested)
        {
            try
            {
                var leader = await lease.ReadLeaderAsync(_electorLoop.Token).ConfigureAwait(false);
                Volatile.Write(ref _leader, leader);
                var live = leader is { IsExpired: false } ? leader : null;
                var key = live is null ? "" : $"{live.HolderId}/{live.Epoch}";
                if (lease.CurrentTerm is not null)
                {
                    // Forget what was announced, so that the leader after us is named as soon as we stand by again.
                    announced = null;
                }
                else if (key != announced)
                {
                    if (live is null)
                    {
                        _logger.LogInformation("Standing by; no instance leads at the moment.");
                    }
                    else if (live.HolderId != InstanceId)
                    {
                        _logger.LogInformation("Standing by; leader is {Leader} (epoch {Epoch}).", live.HolderId, live.Epoch);
                    }

                    announced = key;
                }

                await Task.Delay(_persistence.Options.RenewInterval, _electorLoop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_electorLoop.IsCancellationRequested)
            {
                return;
            }
            catch (SqlPersistenceException exception)
            {
                _persistence.Incidents.Failed("reading the leader lease", exception.Message);
                await Task.Delay(_persistence.Options.RenewInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task PumpLeadershipAsync()
    {
        try
        {
            await foreach (var change in _elector!.ReadChangesAsync(_electorLoop.Token).ConfigureAwait(false))
            {
                Leadership.Tell(
                    change.IsLeader ? new LeadershipGained(change.Epoch) : new LeadershipLost($"lease epoch {change.Epoch} is no longer ours"),
                    ActorRefs.NoSender);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

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
                await Leadership.Ask<object>(new TeardownFramework(), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AskTimeoutException or InvalidOperationException)
            {
                _logger.LogWarning("Teardown did not complete: {Reason}", ex.Message);
            }
        }
        else if (_cluster is not null)
        {
            await RecordEmbeddedTasksEndedAsync().ConfigureAwait(false);
        }

        await _electorLoop.CancelAsync().ConfigureAwait(false);
        await StopAkkaAsync().ConfigureAwait(false);
        if (_elector is not null)
        {
            await _elector.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stopping the host runs Akka's CoordinatedShutdown: actors stop, the journal's connections close.</summary>
    private async Task StopAkkaAsync()
    {
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
            await Leadership.Ask<object>(EmbeddedClusterStopping.Instance, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or InvalidOperationException)
        {
            _logger.LogWarning("Could not record the embedded cluster's tasks as ended: {Reason}", ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _electorLoop.CancelAsync().ConfigureAwait(false);
        await StopAkkaAsync().ConfigureAwait(false);
        _akkaHost?.Dispose();
        await _electorPump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _leaderWatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_elector is not null)
        {
            await _elector.DisposeAsync().ConfigureAwait(false);
        }

        if (_persistence is not null)
        {
            await _persistence.DisposeAsync().ConfigureAwait(false);
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
        _electorLoop.Dispose();
    }
}
