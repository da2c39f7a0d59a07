using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using RelayMesos.EndToEnd.Tests.Framework;
using RelayMesos.EndToEnd.Tests.Web;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// Issue 29 item 3, "honest role and status": two <c>relay-mesos run</c> members on a real PostgreSQL; the leader is frozen
/// (SIGSTOP) until the other has taken the lease and stepped, then thawed (SIGCONT) with requests to its <c>/readyz</c> and
/// <c>/api/status</c> already waiting in its listen queue, so they are answered the moment it runs again, while its late
/// lease renewal waits behind a lock on the row (a slow database) and cannot yet have found the term lost. It must never answer that it leads; and the step numbers a client sees,
/// asking both members in turn all along, never go back.
/// </summary>
[Scheduling.ExpectedDuration(90)]
public sealed class ThawedLeaderTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : IClassFixture<PostgreSqlServerFixture>
{
    private static readonly TimeSpan Patience = TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task A_thawed_leader_never_says_it_leads_and_step_numbers_never_go_back()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var cluster = await StandaloneCluster.StartAsync();
        var seedPort = FreePort();
        string[] settings =
        [
            $"relay.mesos.master={cluster.Master}",
            "relay.persistence.provider=postgres",
            $"relay.persistence.postgres.connection-string=\"{database}\"",
            "relay.leader-election.lease-ttl=3s",
            "relay.leader-election.renew-interval=500ms",
            $"akka.cluster.seed-nodes=\"akka.tcp://relay-mesos@127.0.0.1:{seedPort}\"",
            // Two members: the side that takes the SQL lease row survives (keep-majority would keep the lowest address).
            "akka.cluster.split-brain-resolver.active-strategy=lease-majority",
        ];

        await using var first = await RelayMesosRun.StartAsync(null, [.. settings, $"akka.remote.dot-netty.tcp.port={seedPort}"]);
        await RelayMesosRun.EventuallyAsync(async () => await RoleAsync(first) == "leader" ? "leader" : null, "the first member to lead");
        await using var second = await RelayMesosRun.StartAsync(null, settings);
        await RelayMesosRun.EventuallyAsync(async () => (await second.Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK ? "ready" : null, "the standby to be ready");
        var client = new StepWatcher();
        await RelayMesosRun.EventuallyAsync(async () => await client.ObserveAsync(second) > 0 ? "stepping" : null, "the leader's steps on the standby");

        first.Process.Signal("STOP");
        var frozenAt = DateTimeOffset.UtcNow;
        try
        {
            // The standby takes over: the resolver downs the frozen member, the lease runs out, the next singleton leads.
            await EventuallyWithinAsync(
                async () =>
                {
                    await client.ObserveAsync(second);
                    var status = await second.GetJsonAsync("/api/status");
                    return status.GetProperty("role").GetString() == "leader" && status.GetProperty("lastDecision") is { ValueKind: JsonValueKind.Object } d
                        && !(d.TryGetProperty("recovered", out var recovered) && recovered.GetBoolean()) ? "stepping as leader" : null;
                },
                "the standby to lead and step");

            // Requests to the frozen member now wait in its listen queue: they are its first work when it wakes.
            var waiting = Enumerable.Range(0, 4)
                .SelectMany(_ => new[] { AskAsync(first, "/readyz"), AskAsync(first, "/api/status") })
                .ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            List<Answer?> answers;
            // The woken member's one late renewal waits behind a lock on the lease row for a moment (a slow database), so
            // the queued requests are answered before it can have learned that its term was taken: only the local deadline
            // can tell it then. The new leader's own renewal waits too, well within its deadline.
            await using (var slowDatabase = new NpgsqlConnection(database))
            {
                await slowDatabase.OpenAsync();
                await using var transaction = await slowDatabase.BeginTransactionAsync();
                await using (var lockRow = new NpgsqlCommand("SELECT epoch FROM relay_mesos.leases WHERE name = 'relay-mesos' FOR UPDATE", slowDatabase, transaction))
                {
                    await lockRow.ExecuteScalarAsync();
                }

                output.WriteLine($"frozen for {(DateTimeOffset.UtcNow - frozenAt).TotalSeconds:0.0} s; thawing");
                first.Process.Signal("CONT");
                var answered = Task.WhenAll(waiting);
                await Task.WhenAny(answered, Task.Delay(TimeSpan.FromMilliseconds(1200)));
                await transaction.RollbackAsync();
                answers = [.. await answered];
            }
            // And while it wakes, downs itself or learns the loss, a client asks both members in turn.
            var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
            while (DateTimeOffset.UtcNow < until && !first.Process.HasExited)
            {
                answers.Add(await AskAsync(first, "/readyz"));
                answers.Add(await AskAsync(first, "/api/status"));
                await client.ObserveAsync(first);
                await client.ObserveAsync(second);
            }

            foreach (var answer in answers.OfType<Answer>().Take(12))
            {
                output.WriteLine($"thawed member's {answer.Path}: {(int)answer.Status} {answer.Body[..Math.Min(answer.Body.Length, 200)]}");
            }

            Assert.Contains(answers, a => a is not null);
            Assert.All(answers.OfType<Answer>(), a => Assert.False(
                a.Role == "leader", $"the thawed member answered {a.Path} as leader: {a.Body}"));
            await client.ObserveAsync(second);
            output.WriteLine($"steps seen in order: {string.Join(", ", client.Seen)}");
            client.AssertNeverWentBack();
        }
        finally
        {
            first.Process.Signal("CONT");
        }
    }

    /// <summary>A client of both members: the step numbers it saw, in the order it saw them.</summary>
    private sealed class StepWatcher
    {
        public List<long> Seen { get; } = [];

        public async Task<long> ObserveAsync(RelayMesosRun member)
        {
            var answer = await AskAsync(member, "/api/status");
            if (answer is { Status: HttpStatusCode.OK } && JsonDocument.Parse(answer.Body).RootElement.GetProperty("lastDecision") is { ValueKind: JsonValueKind.Object } d)
            {
                Seen.Add(d.GetProperty("step").GetInt64());
                return Seen[^1];
            }

            return 0;
        }

        public void AssertNeverWentBack()
        {
            for (var i = 1; i < Seen.Count; i++)
            {
                Assert.True(Seen[i] >= Seen[i - 1], $"step {Seen[i]} seen after step {Seen[i - 1]} (answer {i})");
            }
        }
    }

    private sealed record Answer(string Path, HttpStatusCode Status, string Body)
    {
        public string? Role => JsonDocument.Parse(Body).RootElement.TryGetProperty("role", out var role) ? role.GetString() : null;
    }

    /// <summary>One request; null when the member no longer answers (it downed itself and exited).</summary>
    private static async Task<Answer?> AskAsync(RelayMesosRun member, string path)
    {
        try
        {
            using var response = await member.Http.GetAsync(path);
            return new Answer(path, response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<string?> RoleAsync(RelayMesosRun member) =>
        (await AskAsync(member, "/api/status")) is { Status: HttpStatusCode.OK } a ? a.Role : null;

    private static async Task EventuallyWithinAsync(Func<Task<string?>> probe, string what)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (await probe() is null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"waited {Patience.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s for {what}");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
