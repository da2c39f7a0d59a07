using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using RelayMesos.EndToEnd.Tests.Framework;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>
/// Two instances on one database forming one Akka cluster: the oldest runs the framework singleton, the other is a standby
/// whose web UI and API show the leader's live status and forward operator actions to the singleton.
/// </summary>
[Scheduling.ExpectedDuration(60)]
public sealed class StandbyTests
{
    private const string Token = "standby-test-token";

    [Fact]
    public async Task A_standby_shows_live_status_forwards_actions_to_the_singleton_and_takes_over_when_the_leader_dies()
    {
        await using var cluster = await StandaloneCluster.StartAsync();
        var shared = Directory.CreateTempSubdirectory("relay-standby-").FullName;
        var seedPort = Failover.FailoverRig.FreePort();
        var settings = RelayMesosRun.TwoMembers(cluster.Master, Path.Combine(shared, "relay.db"), seedPort);

        await using var first = await RelayMesosRun.StartAsync(Token, [.. settings, $"akka.remote.dot-netty.tcp.port={seedPort}"]);
        await RelayMesosRun.EventuallyAsync(async () => (await first.GetJsonAsync("/api/status")).GetProperty("role").GetString() == "leader" ? "leader" : null, "the first instance to lead");
        await using var second = await RelayMesosRun.StartAsync(Token, settings);
        await RelayMesosRun.EventuallyAsync(async () => (await second.Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK ? "ready" : null, "the standby to join and be ready");

        var status = await second.GetJsonAsync("/api/status");
        Assert.Equal("standby", status.GetProperty("role").GetString());
        Assert.Equal(
            (await first.GetJsonAsync("/api/status")).GetProperty("instanceId").GetString(),
            status.GetProperty("leader").GetProperty("instanceId").GetString());
        var ready = await second.GetJsonAsync("/readyz");
        Assert.Equal("standby", ready.GetProperty("role").GetString());
        Assert.Equal(2, ready.GetProperty("members").GetArrayLength());

        // Live: the leader's steps reach the standby's status (published over the cluster), not only the journal.
        var firstStep = (await RelayMesosRun.EventuallyAsync(
            async () => (await second.GetJsonAsync("/api/status")).GetProperty("lastDecision") is { ValueKind: System.Text.Json.JsonValueKind.Object } d ? new StrongBox<long>(d.GetProperty("step").GetInt64()) : null,
            "the leader's decisions on the standby's status")).Value;
        await RelayMesosRun.EventuallyAsync(
            async () => (await second.GetJsonAsync("/api/status")).GetProperty("lastDecision").GetProperty("step").GetInt64() > firstStep ? "newer" : null,
            "a newer decision on the standby's status");
        // And its task table: the same running tasks on both instances' /api/tasks.
        await RelayMesosRun.EventuallyAsync(
            async () =>
            {
                var leading = await RunningTaskIdsAsync(first);
                return leading.Count > 0 && leading.SetEquals(await RunningTaskIdsAsync(second)) ? "the same tasks" : null;
            },
            "the leader's running tasks on the standby's /api/tasks");

        using var pause = new HttpRequestMessage(HttpMethod.Post, "/api/actions/pause");
        pause.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var paused = await second.Http.SendAsync(pause);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        await RelayMesosRun.EventuallyAsync(async () => (await first.GetJsonAsync("/api/status")).GetProperty("paused").GetBoolean() ? "paused" : null, "the leader to be paused by the standby's action");

        first.Process.Signal("KILL");
        await RelayMesosRun.EventuallyAsync(async () => (await second.GetJsonAsync("/api/status")).GetProperty("role").GetString() == "leader" ? "leader" : null, "the standby to take over");
        await RelayMesosRun.EventuallyAsync(async () => (await second.Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK ? "ready" : null, "the new leader to be ready");
        // The pause was journaled by the old singleton: the new one recovered it.
        Assert.True((await second.GetJsonAsync("/api/status")).GetProperty("paused").GetBoolean());
        Directory.Delete(shared, recursive: true);
    }

    private static async Task<HashSet<string>> RunningTaskIdsAsync(RelayMesosRun instance) =>
        (await instance.GetJsonAsync("/api/tasks")).EnumerateArray()
            .Where(t => t.GetProperty("state").GetString() == "TASK_RUNNING")
            .Select(t => t.GetProperty("taskId").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
}
