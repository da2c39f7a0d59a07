using System.Net;
using Microsoft.Playwright;
using RelayMesos.EndToEnd.Tests.Framework;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>
/// The page of a standby member: two instances on one database and one embedded cluster, two loops (targets 3 and 6).
/// The standby starts after one loop was paused, so the pause, that loop's last step and the task table were all
/// published before it listened: it must still show them.
/// </summary>
[Scheduling.ExpectedDuration(60)]
public sealed class StandbyLoopsPageBrowserTests
{
    private const string Token = "standby-loops-page-token";
    private static readonly float Patience = (float)TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(20)).TotalMilliseconds;

    [Fact]
    public async Task A_standby_lists_every_loop_as_the_leader_sees_it_and_opens_each_loops_live_chart()
    {
        await using var cluster = await StandaloneCluster.StartAsync();
        var shared = Directory.CreateTempSubdirectory("relay-standby-loops-").FullName;
        var seedPort = Failover.FailoverRig.FreePort();
        string[] settings = [.. RelayMesosRun.TwoMembers(cluster.Master, Path.Combine(shared, "relay.db"), seedPort), "relay.loops.alpha.target=3", "relay.loops.beta.target=6"];
        await using var leader = await RelayMesosRun.StartAsync(Token, [.. settings, $"akka.remote.dot-netty.tcp.port={seedPort}"]);
        await RelayMesosRun.EventuallyAsync(
            async () => (await leader.GetJsonAsync("api/loops/beta")).GetProperty("lastDecision") is { ValueKind: System.Text.Json.JsonValueKind.Object } ? "stepping" : null,
            "beta stepping on the leader");
        using (var pause = await leader.PostAsync("api/loops/beta/pause", Token))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        await using var standby = await RelayMesosRun.StartAsync(Token, settings);
        await RelayMesosRun.EventuallyAsync(async () => (await standby.Http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK ? "ready" : null, "the standby to join and be ready");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await Chromium.NewPageAsync(browser);
        await page.GotoAsync(standby.Url.ToString());

        await Assertions.Expect(page.Locator("#role")).ToHaveTextAsync("standby", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#loop-rows tr")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await Assertions.Expect(LoopsPage.Row(page, "beta").Locator(".state")).ToHaveTextAsync("paused", new() { Timeout = Patience });
        await Assertions.Expect(LoopsPage.Row(page, "beta").Locator("td.sp")).ToHaveTextAsync("6", new() { Timeout = Patience });
        await Assertions.Expect(LoopsPage.Row(page, "alpha").Locator(".state")).ToHaveTextAsync("running");
        await Assertions.Expect(LoopsPage.Row(page, "alpha").Locator("td.sp")).ToHaveTextAsync("3", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#tasks .chip").First).ToBeVisibleAsync(new() { Timeout = Patience });

        // The paused loop's chart: its journaled steps, read by the standby.
        await LoopsPage.Row(page, "beta").ClickAsync();
        await Assertions.Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-loop", "beta");
        await LoopsPage.MorePointsAsync(page, 0, Patience);
        Assert.Equal(new[] { 6.0 }, await LoopsPage.TargetsAsync(page));

        // The running loop's chart grows live on the standby: the leader's steps reach it over the cluster.
        await LoopsPage.Row(page, "alpha").ClickAsync();
        await Assertions.Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-loop", "alpha");
        await LoopsPage.MorePointsAsync(page, 0, Patience);
        await LoopsPage.MorePointsAsync(page, await LoopsPage.PointsAsync(page) + 3, Patience);
        Assert.Equal(new[] { 3.0 }, await LoopsPage.TargetsAsync(page));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("web-ui-loops-standby.png"), FullPage = true });
        Directory.Delete(shared, recursive: true);
    }
}
