using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Coordination;
using Akka.DependencyInjection;
using Microsoft.Data.Sqlite;
using RelayMesos.Failover;
using RelayMesos.Failover.Leasing;
using RelayMesos.TestKit;
using Xunit.Abstractions;

namespace RelayMesos.Framework.Tests.Failover.Leasing;

/// <summary>
/// The SQL lease as Akka.Coordination sees it: a real SQLite file, a real actor system that finds the database through
/// Akka.DependencyInjection, and Akka's own ClusterSingletonManager configured only by HOCON (use-lease naming our block —
/// not Akka.Cluster.Hosting's LeaseImplementation option, whose block is never added).
/// </summary>
public sealed class SqlLeaseTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string LeaseBlock = "akka.coordination.relay-sql-lease";
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "relay-mesos-lease-" + Guid.NewGuid().ToString("N")[..12]);
    private static readonly string DatabasePath = Path.Combine(Folder, "store.db");
    private readonly SqlPersistenceSet _persistence;

    public SqlLeaseTests(ITestOutputHelper output)
        : this(Open(), output)
    {
    }

    private SqlLeaseTests(SqlPersistenceSet persistence, ITestOutputHelper output)
        : base(Setup(persistence), "sql-lease", output)
    {
        _persistence = persistence;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // The actor system first: its lease and journal may still be writing the database (and creating its -wal file)
        // while the folder is removed.
        await Sys.Terminate();
        await _persistence.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    [Fact]
    public async Task Akkas_cluster_singleton_acquires_the_SQL_lease_named_in_HOCON_before_it_starts_the_singleton()
    {
        var cluster = Cluster.Get(Sys);
        var probe = await StartSingletonAsync();

        var row = await _persistence.ReadLeaseAsync("relay-mesos");
        Assert.NotNull(row);
        Assert.Equal(cluster.SelfAddress.HostPort(), row.HolderId);
        Assert.Equal(1, row.Epoch);
        Assert.False(row.IsExpired);
        Assert.Equal(1, _persistence.HeldEpoch("relay-mesos"));
    }

    [Fact]
    public async Task Losing_the_lease_to_another_holder_stops_the_singleton()
    {
        var probe = await StartSingletonAsync();

        // What a takeover after a stall of this instance leaves in the row.
        await ExecuteAsync("UPDATE leases SET holder_id = 'someone-else', epoch = epoch + 1, expires_at_ms = expires_at_ms + 600000");

        probe.ExpectMsg("stopped", TimeSpan.FromSeconds(30));
        Assert.Null(_persistence.HeldEpoch("relay-mesos"));
    }

    [Fact]
    public async Task A_renewal_stuck_behind_a_lock_reports_the_loss_at_the_local_deadline_not_after_the_busy_timeout()
    {
        var lease = NewLease("stuck-owner");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await lease.Acquire(e => lost.TrySetResult(e)));
        Assert.True(lease.CheckLease());

        // Holds the write lock on the lease table, so every renewal hangs (the busy timeout is minutes).
        await using var blocker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await blocker.OpenAsync();
        await using var transaction = (SqliteTransaction)await blocker.BeginTransactionAsync();
        await using (var take = blocker.CreateCommand())
        {
            take.Transaction = transaction;
            take.CommandText = "UPDATE leases SET holder_id = holder_id";
            await take.ExecuteNonQueryAsync();
        }

        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await transaction.RollbackAsync();

        Assert.IsType<LeaseException>(reason);
        Assert.False(lease.CheckLease());
        Assert.Null(lease.Epoch);
    }

    [Fact]
    public async Task A_term_that_expired_while_the_holder_stalled_is_kept_when_nobody_took_it()
    {
        var lease = NewLease("stalled-owner");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await lease.Acquire(e => lost.TrySetResult(e)));

        // What a stall past the TTL leaves in the row when no standby took over: our epoch, expired.
        await ExecuteAsync("UPDATE leases SET expires_at_ms = 0");
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await _persistence.ReadLeaseAsync("relay-mesos"))!.IsExpired)
        {
            Assert.True(DateTime.UtcNow < bound, "the lease never renewed the expired term");
            await Task.Delay(20);
        }

        Assert.False(lost.Task.IsCompleted, "the lease reported a loss");
        Assert.True(lease.CheckLease());
        Assert.Equal(1, lease.Epoch);
        Assert.Equal(1, (await _persistence.ReadLeaseAsync("relay-mesos"))!.Epoch);
        await lease.Release();
    }

    [Fact]
    public async Task Releasing_lets_another_owner_take_over_at_once_with_the_next_epoch()
    {
        var first = NewLease("first-owner");
        var second = NewLease("second-owner");
        Assert.True(await first.Acquire());
        Assert.False(await second.Acquire());

        Assert.True(await first.Release());

        Assert.True(await second.Acquire());
        Assert.Equal(2, second.Epoch);
        Assert.False(first.CheckLease());
        await second.Release();
    }

    /// <summary>A one-node cluster running Akka's singleton manager with the settings from HOCON; returns once the singleton started.</summary>
    private async Task<Akka.TestKit.TestProbe> StartSingletonAsync()
    {
        var cluster = Cluster.Get(Sys);
        await cluster.JoinAsync(cluster.SelfAddress);
        var probe = CreateTestProbe();
        Sys.ActorOf(
            ClusterSingletonManager.Props(Props.Create(() => new LeaseSingleton(probe)), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(Sys)),
            "singleton");
        probe.ExpectMsg("started", TimeSpan.FromSeconds(30));
        return probe;
    }

    private SqlLease NewLease(string owner) =>
        (SqlLease)LeaseProvider.Get(Sys).GetLease("relay-mesos", LeaseBlock, owner);

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static SqlPersistenceSet Open()
    {
        var options = new SqlPersistenceOptions
        {
            Provider = SqlProvider.Sqlite,
            SqlitePath = DatabasePath,
            BusyTimeout = TimeSpan.FromMinutes(2),
            LeaseTtl = TimeSpan.FromMilliseconds(900),
            RenewInterval = TimeSpan.FromMilliseconds(200),
            RenewSafetyMargin = TimeSpan.FromMilliseconds(100),
        };
        return SqlPersistence.CreateAsync(options, "test").GetAwaiter().GetResult();
    }

    private static ActorSystemSetup Setup(SqlPersistenceSet persistence) =>
        BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString(
                $$"""
                akka.loglevel = INFO
                akka.test.timefactor = {{TestTimeFactor.Factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
                akka.actor.provider = cluster
                akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
                akka.cluster.singleton {
                  use-lease = "{{LeaseBlock}}"
                  lease-retry-interval = 200ms
                }
                {{LeaseBlock}} {
                  lease-class = "RelayMesos.Failover.Leasing.SqlLease, RelayMesos.Failover"
                  lease-name = "relay-mesos"
                  heartbeat-timeout = 900ms
                  heartbeat-interval = 200ms
                  lease-operation-timeout = 5s
                }
                """))
            .And(DependencyResolverSetup.Create(new SingleServiceProvider(persistence)));
}
