using System.Net;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayMesos.Control.Sources;
using RelayMesos.Failover;
using RelayMesos.Failover.Membership;
using RelayMesos.Framework;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Registry;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;
using RelayMesos.Host.Logging;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Running;

/// <summary>
/// The composition root of <c>relay-mesos run</c>: one Generic Host owns logging, the embedded Mesos cluster (when
/// <c>master = local</c>), the database, the actor system (through Akka.Hosting), the web server and the order of
/// shutdown. Hosted services start in the order written here and stop in reverse: embedded cluster, database, actor
/// system, cluster join, framework hand-off, web server. The actor system is a member of an Akka.Cluster (alone, a
/// one-node cluster); the framework runs as the cluster singleton, guarded by the SQL lease, and every instance reaches
/// it through a singleton proxy. Actors take what they need from the host's services (Akka.DependencyInjection).
/// </summary>
public static class RelayHost
{
    /// <summary>The HOCON block that configures the singleton's lease (akka.cluster.singleton.use-lease names it).</summary>
    private const string LeaseBlock = "akka.coordination.relay-sql-lease";

    /// <param name="hocon">The resolved configuration (every layer); Akka receives its <c>akka</c> section rendered.</param>
    /// <param name="logging">Extra logging set-up after <c>relay.logging</c> (tests add a capturing provider).</param>
    /// <exception cref="ConfigurationValueException">A setting is invalid.</exception>
    public static IHost Build(HoconConfig hocon, RelayHostOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var config = new ConfigurationBuilder().AddHocon(hocon).Build();
        var loops = RelayLoops.Resolve(hocon).Select(loop => BoundLoop.Of(hocon, loop)).ToList();
        var (framework, controller, policy) = (loops[0].Framework, loops[0].Controller, loops[0].Policy);
        var persistence = PersistenceSettings.Bind(config);
        var commandSlots = ConfigurationChecks.AtLeast(config, "relay:max-concurrent-commands", 1);
        var web = WebSettings.From(config);
        var leaseRow = hocon.GetString(LeaseBlock + ".lease-name");

        // Watching from the start, so a stall at any time is seen as one when the process wakes.
        ProcessStallWatch.Start();
        var builder = new HostBuilder();
        builder.ConfigureLogging(l =>
        {
            l.ClearProviders();
            RelayLogging.Configure(l, config);
            logging?.Invoke(l);
        });
        builder.ConfigureServices(services =>
        {
            // The command line owns the signals and stops the host in order; the host must not race it for Ctrl+C.
            services.AddSingleton<IHostLifetime, ExternallyOwnedLifetime>();
            services.AddSingleton(hocon);
            services.AddSingleton<IConfiguration>(config);
            services.AddSingleton(controller);
            services.AddSingleton(framework);
            services.AddSingleton(policy);
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(new RelayObserver(loops.Select(l => l.Framework.Loop).ToList()));
            services.AddSingleton<RelayMetrics>();
            services.AddSingleton<ILoggerProvider>(sp => new RecentProblemsLoggerProvider(sp.GetRequiredService<RelayObserver>()));
            services.AddSingleton(_ => new HttpClient());
            services.AddSingleton(sp => new MetricSourceContext(
                sp.GetRequiredService<HttpClient>(), TimeProvider.System, sp.GetRequiredService<ILoggerFactory>(), new CommandSlots(commandSlots)));
            services.AddSingleton(sp => new FrameworkLoops(loops.Select(l => l.Define(sp.GetRequiredService<MetricSourceContext>())).ToList()));
            services.AddSingleton<ILoopBinder>(sp => new RuntimeLoopBinder(options.Configuration ?? hocon, options.DryRun, sp.GetRequiredService<MetricSourceContext>()));

            services.AddSingleton<MesosMaster>();
            services.AddHostedService(sp => sp.GetRequiredService<MesosMaster>());
            services.AddSingleton<IMesosClientFactory, MesosClients>();
            services.AddSingleton(sp => new RelayDatabase(persistence, leaseRow, sp.GetRequiredService<ILoggerFactory>()));
            services.AddHostedService(sp => sp.GetRequiredService<RelayDatabase>());
            services.AddSingleton<ILeaseHolder>(sp => sp.GetRequiredService<RelayDatabase>());
            services.AddSingleton(sp => sp.GetRequiredService<RelayDatabase>().Incidents);
            if (persistence is not null)
            {
                // What SqlLease (created by Akka by reflection) finds through Akka.DependencyInjection, once the database is open.
                services.AddSingleton(sp => sp.GetRequiredService<RelayDatabase>().Store
                    ?? throw new InvalidOperationException("The database is not open yet."));
            }

            services.AddSingleton<RunControl>();
            services.AddSingleton<IRunLifecycle>(sp => sp.GetRequiredService<RunControl>());
            services.AddSingleton<RelayNode>();
            services.AddAkka("relay-mesos", (akka, sp) => ConfigureAkka(akka, sp, hocon, persistence));
            services.AddHostedService<ClusterJoin>();
            services.AddHostedService(sp => new FrameworkHandOff(sp, sp.GetRequiredService<MesosMaster>(), options.Teardown, sp.GetRequiredService<ILoggerFactory>()));
        });

        if (web.Enabled)
        {
            builder.ConfigureWebHost(host => host
                .UseKestrel(kestrel =>
                {
                    kestrel.Listen(WebPortCheck.Address(web), web.Port);
                    kestrel.Limits.MaxRequestBodySize = RelayWebApi.MaxRequestBodySize;
                })
                .ConfigureServices(services =>
                {
                    services.AddRouting();
                    services.AddSingleton(sp => new RelayWebApi(
                        sp.GetRequiredService<RelayNode>(), sp.GetRequiredService<RelayObserver>(), sp.GetRequiredService<RelayMetrics>(),
                        options.Token, sp.GetRequiredService<ILoggerFactory>()));
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => app.ApplicationServices.GetRequiredService<RelayWebApi>().Map(endpoints));
                }));
        }

        var built = builder.Build();
        // A metric or target that cannot be built is a configuration error: say so now, before anything starts.
        built.Services.GetRequiredService<FrameworkLoops>();
        return built;
    }

    /// <summary>
    /// Starts everything in order. A web port taken between the check and the bind is the same one line as the check's.
    /// Returns the web UI's address when it is enabled.
    /// </summary>
    public static async Task<Uri?> StartAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            throw new WebPortInUseException(WebSettings.From(host.Services.GetRequiredService<IConfiguration>()), ex);
        }

        var server = host.Services.GetService<IServer>();
        if (server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } address)
        {
            return null;
        }

        var bound = new Uri(address);
        var web = WebSettings.From(host.Services.GetRequiredService<IConfiguration>());
        var url = new Uri($"http://{(WebPortCheck.Address(web).Equals(IPAddress.Any) ? "127.0.0.1" : bound.Host)}:{bound.Port}/");
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RelayMesos.Web").LogInformation(
            "Web UI and HTTP API on {Url} (operator actions {Actions}).",
            url, host.Services.GetRequiredService<RelayWebApi>().AcceptsActions ? "enabled with a bearer token" : "disabled: relay.web.token-file is not set");
        return url;
    }

    /// <summary>
    /// Akka gets the <c>akka</c> section of our resolved configuration, rendered as plain HOCON (Akka's own parser never
    /// sees user text); its log lines go to our logging; the journal and snapshot store are Akka.Persistence.Sql on the
    /// database the lease lives in.
    /// </summary>
    private static void ConfigureAkka(AkkaConfigurationBuilder akka, IServiceProvider sp, HoconConfig hocon, SqlPersistenceOptions? persistence)
    {
        akka.AddHocon(AkkaSection(hocon), HoconAddMode.Prepend);
        // Seeds are joined by ClusterJoin after the journal is warm; Akka must not join on its own.
        akka.AddHocon("akka.cluster.seed-nodes = []", HoconAddMode.Prepend);
        if (persistence is null)
        {
            // The in-memory store has no lease row: a lone instance needs none, several must not share nothing.
            akka.AddHocon("akka.cluster.singleton.use-lease = \"\"", HoconAddMode.Prepend);
            akka.WithInMemoryJournal().WithInMemorySnapshotStore();
        }
        else
        {
            akka.WithSqlPersistence(connectionString: persistence.AkkaConnectionString, providerName: persistence.AkkaProviderName, autoInitialize: true);
        }

        akka.ConfigureLoggers(logging =>
        {
            logging.LogLevel = AkkaLogLevel(hocon.GetString("relay.logging.level"));
            logging.ClearLoggers();
            logging.AddLogger<AkkaLogForwarder>();
        });

        // Cluster and singleton settings (downing, failure detector, use-lease) come from the akka section: the lease
        // is named there, not through ClusterSingletonOptions.LeaseImplementation, whose block Akka.Cluster.Hosting
        // 1.5.73 never adds (LeaseProvider.GetLease then throws a NullReferenceException).
        akka.WithClustering(new ClusterOptions());
        var lease = sp.GetRequiredService<ILeaseHolder>();
        var run = sp.GetRequiredService<RunControl>();
        var loggers = sp.GetRequiredService<ILoggerFactory>();
        akka.WithSingleton<FrameworkSingleton>(
            "framework",
            Props.Create(() => new FrameworkSingleton(lease, run, loggers)),
            new ClusterSingletonOptions(),
            createProxyToo: true);
        akka.WithActors((system, registry) =>
        {
            var observer = sp.GetRequiredService<RelayObserver>();
            var journalWrites = sp.GetRequiredService<RelayMetrics>().JournalWrites;
            Action<StopRequested> endedElsewhere = run.EndedElsewhere;
            system.ActorOf(Props.Create(() => new RunStopListener(endedElsewhere)), RunStopListener.Name);
            var framework = registry.Get<FrameworkSingleton>();
            system.ActorOf(Props.Create(() => new ObserverBridge(observer, journalWrites, framework)), "observer");
            system.ActorOf(Props.Create(() => new DeadLetterLog(loggers.CreateLogger("RelayMesos.DeadLetters"))), "dead-letter-log");
            system.ActorOf(Props.Create(() => new MembershipLog(loggers.CreateLogger("RelayMesos.Cluster"))), "membership-log");
            if (hocon.GetBoolean("relay.leader-election.down-gone-members"))
            {
                var database = sp.GetRequiredService<RelayDatabase>();
                Func<string, Task<long?>> endLeaseTermOf = database.EndTermOfGoneHolderAsync;
                system.ActorOf(Props.Create(() => new GoneMemberDowning(loggers.CreateLogger("RelayMesos.Cluster"), endLeaseTermOf)), GoneMemberDowning.Name);
            }

            var lateAfter = hocon.GetDuration("relay.leader-election.singleton-late-after");
            system.ActorOf(Props.Create(() => new SingletonWatch(framework, lateAfter, TimeProvider.System, loggers.CreateLogger("RelayMesos.Cluster"))), SingletonWatch.Name);
        });
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
}
