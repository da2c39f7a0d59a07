using System.Globalization;
using System.Net;
using System.Text.Json;
using RelayMesos.TestKit;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// Issue 29 items 4 and 5, faults as operators meet them, on real processes: three <c>relay-mesos run</c> started together
/// on an empty PostgreSQL (no race on the journal's tables), then the leader SIGKILLed, the leader frozen and thawed, a
/// PostgreSQL restart by its pid followed by a takeover (no recovery fails on a connection that died in the restart), and
/// PostgreSQL gone for 60 s under a running leader (no crash loop, every member's <c>/readyz</c> says why, the history
/// has no gap afterwards). Every expected fault is at most one warning on each member that meets it, never an error
/// and never a stack trace: the test counts them.
/// </summary>
[Scheduling.ExpectedDuration(240)]
public sealed class FaultLinesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string FrameworkName = "relay-fault-lines";
    private static readonly TimeSpan Patience = TestTimeFactor.Dilate(TimeSpan.FromSeconds(40));
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private readonly List<Member> _members = [];
    private readonly List<(string Fault, DateTimeOffset At)> _faults = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _logFolder = Directory.CreateTempSubdirectory("relay-fault-lines-").FullName;
    private PostgreSqlServer? _postgres;
    private RelayProcess? _cluster;
    private string _connectionString = "";
    private Uri _master = new("http://127.0.0.1/");

    [Fact]
    public async Task Expected_faults_are_one_line_each_never_a_trace_and_the_database_coming_and_going_leaves_no_gap()
    {
        var passed = false;
        try
        {
            // Three members start together on an empty database: one creates Akka's tables, the others wait for it.
            var ports = Enumerable.Range(0, 3).Select(_ => FailoverRig.FreePort()).ToList();
            foreach (var port in ports)
            {
                StartMember(port, ports);
            }

            foreach (var member in _members.ToList())
            {
                await member.Process.WaitForAsync(l => l.IsJoined, Patience * 3);
            }

            var leader = await SteppingLeaderAsync(after: DateTimeOffset.MinValue);
            Assert.DoesNotContain(_members, m => m.Process.Lines.Any(l => l.Level is "Error" or "Critical"));

            // A member kill.
            leader = await KillAsync(leader);

            // A freeze and thaw: the others down the frozen one and take over; thawed, it ends (exit code 4) or stands by.
            _faults.Add(("freeze and thaw", DateTimeOffset.UtcNow));
            await leader.Process.FreezeAsync();
            var successor = await SteppingLeaderAsync(after: leader.Process.FrozenAt!.Value);
            await leader.Process.ResumeAsync();
            // The others downed it while it was frozen: it learns so by itself (its resolver downs it, alone against two) and ends.
            await leader.Process.WaitForExitAsync(Patience * 2);
            Assert.Equal(4, leader.Process.ExitCode);
            await ReplaceAsync(leader);
            leader = successor;

            // A PostgreSQL restart, then a takeover by a member that was up across it: its lease acquisition and first
            // recovery must not meet a pooled connection that died in the restart.
            _faults.Add(("PostgreSQL restart", DateTimeOffset.UtcNow));
            await _postgres!.RestartByPidAsync();
            await leader.Process.WaitForAsync(l => l.IsStep, Patience, DateTimeOffset.UtcNow.AddSeconds(1));
            var restartedUnder = leader;
            leader = await KillAsync(leader);
            var takenOver = restartedUnder.Process.KilledAt!.Value;
            var deadConnections = _members.SelectMany(m => m.Process.Lines.Where(l => l.Timestamp > takenOver && IsDatabaseFailure(l)).Select(l => $"{m.Process.Name}: {l.Message}")).ToList();
            Assert.True(deadConnections.Count == 0, "a takeover after the restart met a connection that died in it:\n" + string.Join("\n", deadConnections));

            // PostgreSQL gone for a minute under a running leader.
            var outage = await OutageAsync(leader);

            var final = await SteppingLeaderAsync(after: outage);
            await AssertHistoryWithoutGapAsync(final);
            AssertOneLinePerFault();
            passed = true;
        }
        finally
        {
            if (!passed)
            {
                output.WriteLine($"Process logs kept in {_logFolder}");
            }

            await EndAsync(passed);
        }
    }

    public async Task InitializeAsync()
    {
        _postgres = await PostgreSqlServer.StartNewAsync();
        _connectionString = await _postgres.CreateDatabaseAsync();
        var port = FailoverRig.FreePort();
        _master = new Uri($"http://127.0.0.1:{port}/");
        _cluster = RelayProcess.StartLocalCluster(port, _logFolder);
        await _cluster.WaitForAsync(l => l.Message.StartsWith("Mesos-compatible master at", StringComparison.Ordinal), Patience);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static bool IsDatabaseFailure(LogLine line) =>
        line.Message.StartsWith("Database unavailable", StringComparison.Ordinal) || line.Message.StartsWith("Database still unavailable", StringComparison.Ordinal);

    /// <summary>SIGKILLs the leader, waits for the next one to step, and starts a member in its place.</summary>
    private async Task<Member> KillAsync(Member leader)
    {
        _faults.Add(("member kill", DateTimeOffset.UtcNow));
        leader.Process.Kill();
        var next = await SteppingLeaderAsync(after: leader.Process.KilledAt!.Value);
        await ReplaceAsync(leader);
        return next;
    }

    /// <summary>
    /// PostgreSQL is shut down (by its pid) for <see cref="Outage"/>: the leader's lease runs out and nobody can take it;
    /// meanwhile every member stays up (no crash loop) and its <c>/readyz</c> says the database is why it is not ready.
    /// </summary>
    /// <returns>When the database went away.</returns>
    private async Task<DateTimeOffset> OutageAsync(Member leader)
    {
        await leader.Process.WaitForAsync(l => l.IsStep, Patience, DateTimeOffset.UtcNow);
        var living = _members.Where(m => m.IsAlive).ToList();
        _faults.Add(("PostgreSQL gone for a minute", DateTimeOffset.UtcNow));
        await _postgres!.ShutDownByPidAsync();
        var down = DateTimeOffset.UtcNow;
        var saidWhy = new HashSet<string>();
        while (DateTimeOffset.UtcNow - down < Outage)
        {
            foreach (var member in living)
            {
                var (status, body) = await ReadyAsync(member);
                if (status == HttpStatusCode.ServiceUnavailable && body.Contains("database", StringComparison.Ordinal))
                {
                    if (saidWhy.Add(member.Process.Name))
                    {
                        output.WriteLine($"{DateTimeOffset.UtcNow - down:ss\\.f} s into the outage, {member.Process.Name} /readyz: {body}");
                    }
                }
            }

            Assert.All(living, m => Assert.False(m.Process.HasExited, $"{m.Process.Name} exited during the outage; see {m.Process.LogPath}"));
            await Task.Delay(500);
        }

        Assert.Equal(living.Select(m => m.Process.Name).Order(), saidWhy.Order());
        // No term started while the database was away: no singleton restarted in a loop, no step.
        Assert.DoesNotContain(living, m => m.Process.Lines.Any(l => (l.IsLeading || l.IsStep) && l.Timestamp > down.AddSeconds(10) && l.Timestamp < DateTimeOffset.UtcNow));
        await _postgres.StartAsync();
        foreach (var member in living)
        {
            var ready = DateTimeOffset.UtcNow + Patience;
            while ((await ReadyAsync(member)).Status != HttpStatusCode.OK)
            {
                Assert.True(DateTimeOffset.UtcNow < ready, $"{member.Process.Name} was not ready again after the database came back; see {member.Process.LogPath}");
                await Task.Delay(200);
            }
        }

        return down;
    }

    /// <summary>The journal's controller history, as the leader's <c>/api/history</c> serves it, holds every step once, 1 to the last.</summary>
    private async Task AssertHistoryWithoutGapAsync(Member leader)
    {
        await leader.Process.WaitForAsync(l => l.IsStep, Patience, DateTimeOffset.UtcNow);
        // A step is logged once journaled: every step logged before the read is in it.
        var logged = _members.SelectMany(m => m.Process.Lines.Where(l => l.IsStep).Select(l => l.Long("Step"))).DefaultIfEmpty(0).Max();
        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri(leader.Web, "api/history?since=0&limit=10000")));
        Assert.Equal("journal", document.RootElement.GetProperty("source").GetString());
        var steps = document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("step").GetInt64()).ToList();
        output.WriteLine($"history: {steps.Count} steps, 1 to {steps.DefaultIfEmpty(0).Max()}; last step logged {logged}");
        Assert.Equal(Enumerable.Range(1, steps.Count).Select(i => (long)i), steps);
        Assert.True(steps.Count >= logged, $"the history ends at {steps.Count}, but step {logged} was logged");
    }

    /// <summary>
    /// No member's log holds a stack trace (a JSON entry with an exception, or frames in a message), nor remoting's
    /// warning and error for a peer that died. Each fault is one warning at most on each member that meets it (from the
    /// fault to the next one; docs/clustering-and-failover.md has the table of which line), and never an error: an error
    /// is for the unexpected. The lines each fault drew are printed first.
    /// </summary>
    private void AssertOneLinePerFault()
    {
        var all = _members.SelectMany(m => File.ReadAllLines(m.Process.LogPath).Select(text => (m.Process.Name, text))).ToList();
        var traces = all.Where(l => l.text.Contains("\"Exception\":", StringComparison.Ordinal) || l.text.Contains("   at ", StringComparison.Ordinal)).ToList();
        var frames = all.Sum(l => l.text.Split("   at ").Length - 1);
        var problems = _members.SelectMany(m => m.Process.Lines.Where(l => l.Level is "Warning" or "Error" or "Critical").Select(l => (m.Process.Name, Line: l))).OrderBy(p => p.Line.Timestamp).ToList();
        var tooMany = new List<string>();
        foreach (var (fault, at) in _faults)
        {
            var next = _faults.Select(f => f.At).Where(t => t > at).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            var drawn = problems.Where(p => p.Line.Timestamp >= at && p.Line.Timestamp < next).ToList();
            output.WriteLine($"{fault} at {at:HH:mm:ss.fff}:");
            foreach (var (name, line) in drawn)
            {
                output.WriteLine($"  {name} {line.Timestamp:HH:mm:ss.fff} {line.Level} {line.Category}: {line.Message}");
            }

            tooMany.AddRange(drawn.GroupBy(p => p.Name).Where(g => g.Count() > 1).Select(g => $"{fault}: {g.Key} logged {g.Count()} warnings"));
            tooMany.AddRange(drawn.Where(p => p.Line.Level is "Error" or "Critical").Select(p => $"{fault}: {p.Name} logged an {p.Line.Level}: {p.Line.Message}"));
        }

        output.WriteLine($"{traces.Count} log entries with a stack trace ({frames} frames) in {_members.Count} members' logs");
        Assert.True(traces.Count == 0, "stack traces for expected faults:\n" + string.Join("\n", traces.Take(5).Select(t => $"{t.Name}: {t.text[..Math.Min(400, t.text.Length)]}")));
        // Remoting's lines for a member that died (every survivor logged both on each kill before issue 29).
        Assert.DoesNotContain(problems, p => p.Line.Message.StartsWith("Association with remote system", StringComparison.Ordinal) || p.Line.Message == "Disassociated");
        Assert.True(tooMany.Count == 0, "more than one warning, or an error, for an expected fault:\n" + string.Join("\n", tooMany));
    }

    private async Task<(HttpStatusCode Status, string Body)> ReadyAsync(Member member)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(member.Web, "readyz"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, e.Message);
        }
    }

    /// <summary>The member that leads after <paramref name="after"/>, once it has stepped twice.</summary>
    private async Task<Member> SteppingLeaderAsync(DateTimeOffset after)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            foreach (var member in _members.Where(m => m.IsAlive))
            {
                var leading = member.Process.Lines.LastOrDefault(l => l.IsLeading && l.Timestamp > after);
                if (leading is not null && member.Process.Lines.Count(l => l.IsStep && l.Timestamp > leading.Timestamp) >= 2)
                {
                    return member with { Leading = leading };
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"no member led and stepped after {after:HH:mm:ss.fff}");
            await Task.Delay(100);
        }
    }

    /// <summary>A process supervisor's restart of a member that died or was downed: a new member joins through the living ones.</summary>
    private async Task ReplaceAsync(Member gone)
    {
        var seeds = _members.Where(m => m.IsAlive && m.Process != gone.Process).Select(m => m.RemotingPort).ToList();
        await StartMember(FailoverRig.FreePort(), seeds).Process.WaitForAsync(l => l.IsJoined, Patience * 2);
    }

    private Member StartMember(int remotingPort, IReadOnlyList<int> seedPorts)
    {
        var web = FailoverRig.FreePort();
        List<KeyValuePair<string, string>> overrides =
        [
            .. FailoverRunOverrides.Common(_master, FrameworkName, TimeSpan.FromSeconds(4)),
            new("relay.persistence.snapshot-every", "1000000"),
            new("relay.controller.mode", "long-running"),
            new("relay.warmer", "sleep 3600"),
            new("relay.metric.type", "tasks"),
            new("relay.target.type", "constant"),
            new("relay.target.value", "2"),
            // Every member's /readyz is asked during the outage (the later --set wins).
            new("relay.web.enabled", "true"),
            new("relay.web.port", web.ToString(CultureInfo.InvariantCulture)),
        ];
        var arguments = new List<string> { "run" };
        foreach (var (key, value) in overrides)
        {
            arguments.AddRange(["--set", $"{key}={value}"]);
        }

        var process = RelayProcess.Start(
            $"relay-{_members.Count + 1}",
            arguments,
            new Dictionary<string, string>
            {
                ["RELAY_POSTGRES_CONNECTION_STRING"] = _connectionString,
                ["RELAY_MESOS_CLUSTER_PORT"] = remotingPort.ToString(CultureInfo.InvariantCulture),
                ["RELAY_MESOS_SEED_NODES"] = string.Join(",", seedPorts.Select(p => $"akka.tcp://relay-mesos@127.0.0.1:{p}")),
            },
            _logFolder);
        var member = new Member(process, remotingPort, new Uri($"http://127.0.0.1:{web}/"), null!);
        _members.Add(member);
        return member;
    }

    private async Task EndAsync(bool passed)
    {
        await Task.WhenAll(_members.Select(m => m.Process.TerminateAsync(TimeSpan.FromSeconds(15))));
        foreach (var member in _members)
        {
            await member.Process.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.TerminateAsync(TimeSpan.FromSeconds(15));
            await _cluster.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _http.Dispose();
        if (passed && Environment.GetEnvironmentVariable("RELAY_FAILOVER_KEEP_LOGS") != "1")
        {
            Directory.Delete(_logFolder, recursive: true);
        }
    }

    private sealed record Member(RelayProcess Process, int RemotingPort, Uri Web, LogLine Leading)
    {
        public bool IsAlive => Process.KilledAt is null && !Process.HasExited;
    }
}
