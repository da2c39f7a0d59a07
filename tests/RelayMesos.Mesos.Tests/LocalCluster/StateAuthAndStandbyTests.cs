using System.Net;
using System.Text;
using System.Text.Json;
using RelayMesos.LocalCluster;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class StateAuthAndStandbyTests
{
    [Fact]
    public async Task Master_state_lists_frameworks_with_tasks_and_agents_with_used_and_total_resources()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions() with { Attributes = "rack:r1;zone:a" });
        await cluster.StartAsync();
        await using var scheduler = await TestScheduler.SubscribeAsync(cluster, TestScheduler.Framework("stateful"));
        var offer = await scheduler.NextOfferAsync();
        await scheduler.LaunchAsync(offer, TestScheduler.ShellTask("listed", offer, "sleep 30", cpus: 0.5, mem: 64));
        await scheduler.AckNextAsync("listed", TaskState.TaskStarting);
        await scheduler.AckNextAsync("listed", TaskState.TaskRunning);

        using var http = new HttpClient { BaseAddress = cluster.MasterUri };
        using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri("/master/state", UriKind.Relative)));
        var framework = state.RootElement.GetProperty("frameworks").EnumerateArray().Single();
        var task = framework.GetProperty("tasks").EnumerateArray().Single();
        var agent = state.RootElement.GetProperty("slaves").EnumerateArray().Single();

        Assert.Equal("stateful", framework.GetProperty("name").GetString());
        Assert.True(framework.GetProperty("active").GetBoolean());
        Assert.Equal("listed", task.GetProperty("id").GetString());
        Assert.Equal("TASK_RUNNING", task.GetProperty("state").GetString());
        Assert.Equal(2, agent.GetProperty("resources").GetProperty("cpus").GetDouble());
        Assert.Equal(0.5, agent.GetProperty("used_resources").GetProperty("cpus").GetDouble());
        Assert.Equal("r1", agent.GetProperty("attributes").GetProperty("rack").GetString());
        Assert.Equal("OK", await http.GetStringAsync(new Uri("/health", UriKind.Relative)));
    }

    [Fact]
    public async Task With_credentials_configured_unauthenticated_calls_get_401_with_the_scheduler_realm()
    {
        await using var cluster = new LocalMesosCluster(TaskLifecycleTests.FastOptions() with
        {
            Credentials = new Dictionary<string, string> { ["relay"] = "s3cret" },
        });
        await cluster.StartAsync();
        var body = RawScheduler.Json(RawScheduler.SubscribeCall(TestScheduler.Framework()));
        await using var anonymous = new RawScheduler(cluster);
        await using var wrong = new RawScheduler(cluster, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("relay:nope")));
        await using var right = new RawScheduler(cluster, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("relay:s3cret")));

        using var missing = await anonymous.PostAsync(body);
        using var bad = await wrong.PostAsync(body);
        var mismatched = TestScheduler.Framework();
        mismatched.Principal = "someone-else";
        using var otherPrincipal = await right.PostAsync(RawScheduler.Json(RawScheduler.SubscribeCall(mismatched)));
        var stream = await right.SubscribeAsync(TestScheduler.Framework());
        var subscribed = await stream.Events.NextAsync(_ => true);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Basic realm=\"mesos-master-scheduler\"", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("401 Unauthorized.", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, otherPrincipal.StatusCode);
        Assert.Equal(Event.Types.Type.Subscribed, subscribed.Type);
    }

    [Fact]
    public async Task A_standby_master_redirects_to_the_leader_or_answers_503_without_one()
    {
        await using var leader = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await leader.StartAsync();
        await using var standby = new LocalMesosCluster(TaskLifecycleTests.FastOptions() with { Standby = true, LeaderUri = leader.MasterUri });
        await standby.StartAsync();
        await using var orphan = new LocalMesosCluster(TaskLifecycleTests.FastOptions() with { Standby = true });
        await orphan.StartAsync();
        var body = RawScheduler.Json(RawScheduler.SubscribeCall(TestScheduler.Framework()));
        await using var toStandby = new RawScheduler(standby);
        await using var toOrphan = new RawScheduler(orphan);

        using var redirect = await toStandby.PostAsync(body);
        using var noLeader = await toOrphan.PostAsync(body);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal($"//127.0.0.1:{leader.MasterUri.Port}/api/v1/scheduler", redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, noLeader.StatusCode);
        Assert.Equal("No leader elected", await noLeader.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_scheduler_client_follows_the_standby_redirect_and_subscribes_at_the_leader()
    {
        await using var leader = new LocalMesosCluster(TaskLifecycleTests.FastOptions());
        await leader.StartAsync();
        await using var standby = new LocalMesosCluster(TaskLifecycleTests.FastOptions() with { Standby = true, LeaderUri = leader.MasterUri });
        await standby.StartAsync();

        await using var scheduler = await TestScheduler.SubscribeAsync(standby);
        await scheduler.NextOfferAsync();

        Assert.Equal(leader.MasterUri.Port, scheduler.Client.CurrentMaster!.Port);
    }
}
