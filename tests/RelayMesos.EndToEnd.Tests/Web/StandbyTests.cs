using System.Net;
using System.Net.Http.Headers;
using RelayMesos.EndToEnd.Tests.Framework;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>Two instances on one database and one cluster: one leads, the other serves status read-only and says who leads.</summary>
public sealed class StandbyTests
{
    private const string Token = "standby-test-token";

    [Fact]
    public async Task A_standby_is_ready_refuses_actions_with_409_and_takes_over_when_the_leader_dies()
    {
        await using var cluster = await StandaloneCluster.StartAsync();
        var shared = Directory.CreateTempSubdirectory("relay-standby-").FullName;
        string[] settings =
        [
            $"relay.mesos.master={cluster.Master}",
            $"relay.persistence.sqlite.path={Path.Combine(shared, "relay.db")}",
            "relay.leader-election.lease-ttl=4s",
            "relay.leader-election.renew-interval=1s",
        ];

        await using var first = await RelayMesosRun.StartAsync(Token, settings);
        await RelayMesosRun.EventuallyAsync(async () => (await first.GetJsonAsync("/api/status")).GetProperty("role").GetString() == "leader" ? "leader" : null, "the first instance to lead");
        await using var second = await RelayMesosRun.StartAsync(Token, settings);

        var status = await second.GetJsonAsync("/api/status");
        Assert.Equal("standby", status.GetProperty("role").GetString());
        Assert.Equal(
            (await first.GetJsonAsync("/api/status")).GetProperty("instanceId").GetString(),
            status.GetProperty("leader").GetProperty("instanceId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/readyz")).StatusCode);

        using var pause = new HttpRequestMessage(HttpMethod.Post, "/api/actions/pause");
        pause.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.Conflict, (await second.Http.SendAsync(pause)).StatusCode);

        first.Process.Signal("KILL");
        await RelayMesosRun.EventuallyAsync(async () => (await second.GetJsonAsync("/api/status")).GetProperty("role").GetString() == "leader" ? "leader" : null, "the standby to take over");
        await RelayMesosRun.EventuallyAsync(async () => (await second.Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK ? "ready" : null, "the new leader to be ready");
        Directory.Delete(shared, recursive: true);
    }
}
