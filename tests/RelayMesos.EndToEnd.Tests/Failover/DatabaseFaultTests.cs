using Microsoft.Data.Sqlite;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// Issue 14, "Database faults in one line": a real <c>relay-mesos run</c> whose database is taken away mid-run (a real
/// SQLite file held under an exclusive lock by another connection; a real PostgreSQL server killed and started again).
/// The log of the default run shows one warning for the incident and no stack trace, the controller takes no step while
/// the store is away, carries on by itself once it is back, and recovers every step it had journaled.
/// </summary>
public sealed class DatabaseFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_locked_sqlite_file_is_one_warning_the_controller_waits_and_carries_on_when_the_lock_goes()
    {
        var folder = Directory.CreateTempSubdirectory("relay-db-fault-").FullName;
        var database = Path.Combine(folder, "relay.db");
        await using var relay = StartRelay(folder, ["--set", "relay.persistence.provider=sqlite", "--set", $"relay.persistence.sqlite.path={database}"], new Dictionary<string, string>());

        await ExerciseOutageAsync(
            relay,
            async () =>
            {
                var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
                await connection.OpenAsync();
                await using (var begin = connection.CreateCommand())
                {
                    begin.CommandText = "BEGIN EXCLUSIVE";
                    await begin.ExecuteNonQueryAsync();
                }

                return async () =>
                {
                    await using (var commit = connection.CreateCommand())
                    {
                        commit.CommandText = "COMMIT";
                        await commit.ExecuteNonQueryAsync();
                    }

                    await connection.DisposeAsync();
                };
            });
    }

    [Fact]
    public async Task A_sqlite_file_that_turns_read_only_is_one_warning_and_the_controller_carries_on_when_it_is_writable_again()
    {
        var folder = Directory.CreateTempSubdirectory("relay-db-fault-").FullName;
        var database = Path.Combine(folder, "relay.db");
        await using var relay = StartRelay(folder, ["--set", "relay.persistence.provider=sqlite", "--set", $"relay.persistence.sqlite.path={database}"], new Dictionary<string, string>());

        // Tests run as root, which file modes do not stop: the immutable attribute does. Only the database and its
        // write-ahead log are frozen; the shared-memory index is mapped into the process, and freezing a mapped file
        // makes the kernel answer the next write to it with SIGBUS, which no real read-only disk does to a running
        // process (it refuses the remount instead).
        string[] files = [database, database + "-wal"];
        await ExerciseOutageAsync(
            relay,
            async () =>
            {
                await ChattrAsync("+i", files);
                return () => ChattrAsync("-i", files);
            });
    }

    [Fact]
    public async Task A_postgresql_server_that_dies_and_comes_back_is_one_warning_and_the_controller_carries_on()
    {
        await using var server = await PostgreSqlServer.StartNewAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var folder = Directory.CreateTempSubdirectory("relay-db-fault-").FullName;
        await using var relay = StartRelay(
            folder, ["--set", "relay.persistence.provider=postgres"], new Dictionary<string, string> { ["RELAY_POSTGRES_CONNECTION_STRING"] = connectionString });

        await ExerciseOutageAsync(
            relay,
            async () =>
            {
                await server.StopAsync();
                return server.StartAsync;
            });
    }

    private RelayProcess StartRelay(string folder, IEnumerable<string> persistence, IReadOnlyDictionary<string, string> environment)
    {
        output.WriteLine($"Process log folder: {folder}");
        string[] common =
        [
            "run",
            "--set", "relay.logging.format=json",
            "--set", "relay.web.enabled=false",
            "--set", "relay.controller.delay=250ms",
            // Snapshots off, so that the journal holds every step the recovery must find.
            "--set", "relay.persistence.snapshot-every=1000000",
        ];
        return RelayProcess.Start("relay", [.. common, .. persistence], environment, folder);
    }

    /// <param name="takeAway">Makes the database unavailable; returns what brings it back.</param>
    private async Task ExerciseOutageAsync(RelayProcess relay, Func<Task<Func<Task>>> takeAway)
    {
        await relay.WaitForAsync(l => l.IsStep && l.Long("Step") >= 3, Patience);
        var bringBack = await takeAway();
        var warned = await relay.WaitForAsync(IsIncidentWarning, Patience);
        // The lease runs out while the store is away: from then on this instance stands by and cannot act.
        var stoodBy = await relay.WaitForAsync(l => l.IsLeadershipLost, Patience, after: warned.Timestamp.AddSeconds(-30));
        var lastBefore = relay.Lines.Last(l => l.IsStep && l.Timestamp <= stoodBy.Timestamp);
        var released = DateTimeOffset.UtcNow;
        await bringBack();

        await relay.WaitForAsync(l => l.Message.StartsWith("Database available again", StringComparison.Ordinal), Patience, after: warned.Timestamp);
        var recovered = await relay.WaitForAsync(l => l.IsRecovered, Patience, after: stoodBy.Timestamp);
        var firstAfter = await relay.WaitForAsync(l => l.IsStep, Patience, after: recovered.Timestamp);
        await relay.WaitForAsync(l => l.IsStep && l.Long("Step") >= firstAfter.Long("Step") + 2, Patience);
        await relay.TerminateAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"away from {warned.Timestamp:HH:mm:ss.fff} to {released:HH:mm:ss.fff}; last step before {lastBefore.Long("Step")}, recovered {recovered.Long("Steps")}, first after {firstAfter.Long("Step")}");

        // No step while the store was away (a step is logged only once journaled, and acted on only then).
        Assert.DoesNotContain(relay.Lines, l => l.IsStep && l.Timestamp > warned.Timestamp && l.Timestamp < recovered.Timestamp);

        // Nothing journaled is lost: the recovery holds every step acted on before the outage (and a step whose write the
        // store finished after the term had stopped: journaled, never acted on), and the next step follows the recovered ones.
        Assert.InRange(recovered.Long("Steps"), lastBefore.Long("Step"), lastBefore.Long("Step") + 1);
        Assert.Equal(recovered.Long("Steps") + 1, firstAfter.Long("Step"));
        // No step is acted on twice.
        var steps = relay.Lines.Where(l => l.IsStep).Select(l => l.Long("Step")).ToList();
        Assert.Equal(steps.Order().Distinct(), steps);

        // One warning for the incident, no error, and no stack trace anywhere in the log.
        var problems = relay.Lines.Where(l => l.Level is "Warning" or "Error" or "Critical").ToList();
        Assert.True(problems.Count == 1 && IsIncidentWarning(problems[0]), string.Join("\n", problems.Select(p => $"{p.Level} {p.Category}: {p.Message}")));
        var text = await File.ReadAllTextAsync(relay.LogPath);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception (0x", text, StringComparison.Ordinal);
    }

    private static async Task ChattrAsync(string change, IEnumerable<string> files)
    {
        using var chattr = System.Diagnostics.Process.Start("chattr", [change, .. files])
            ?? throw new InvalidOperationException("chattr did not start");
        await chattr.WaitForExitAsync();
        Assert.True(chattr.ExitCode == 0, $"chattr {change} failed with {chattr.ExitCode}: this test needs root and a file system with the immutable attribute (ext4, xfs, btrfs)");
    }

    private static bool IsIncidentWarning(LogLine line) =>
        line.Level == "Warning" && line.Message.StartsWith("Database unavailable", StringComparison.Ordinal);
}
