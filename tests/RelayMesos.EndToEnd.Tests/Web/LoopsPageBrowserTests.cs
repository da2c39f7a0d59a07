using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>
/// The page of a run of several loops, in a real browser: a table of every loop, each opening its own live chart. Three
/// loops that tell each other apart: alpha and beta hold constant targets 3 and 6; gamma's warmers fail until its
/// max-failures ends it (the run goes on).
/// </summary>
public sealed class LoopsPageBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "loops-page-token-52c1e9";
    private static readonly float Patience = (float)TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(20)).TotalMilliseconds;

    private RelayMesosRun _run = null!;

    public async Task InitializeAsync() => _run = await RelayMesosRun.StartAsync(
        Token,
        "relay.loops.alpha.target=3",
        "relay.loops.beta.target=6",
        "relay.loops.gamma.warmer=\"exit 1\"",
        "relay.loops.gamma.mesos.max-failures=2");

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Fact]
    public async Task The_table_lists_every_loop_a_click_opens_its_own_chart_and_a_pause_or_an_end_shows_in_its_row()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await Chromium.NewPageAsync(browser);
        await page.GotoAsync(_run.Url.ToString());

        await Expect(page.Locator("#loop-rows tr")).ToHaveCountAsync(3, new() { Timeout = Patience });
        Assert.Equal(["alpha", "beta", "gamma"], await page.Locator("#loop-rows tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.loop)"));
        await Expect(LoopsPage.Row(page, "alpha").Locator("td.sp")).ToHaveTextAsync("3", new() { Timeout = Patience });
        await Expect(LoopsPage.Row(page, "beta").Locator("td.sp")).ToHaveTextAsync("6", new() { Timeout = Patience });
        await Expect(LoopsPage.Row(page, "alpha").Locator("td.pv")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(LoopsPage.Row(page, "alpha").Locator("td.decision")).ToHaveTextAsync(new Regex(@"^step \d+ · \w+ · \d\d:\d\d:\d\d$"));

        // The first loop's chart opens by itself.
        await Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-loop", "alpha", new() { Timeout = Patience });
        await Expect(page.Locator("#last-step")).ToContainTextAsync("SP 3,", new() { Timeout = Patience });

        await LoopsPage.Row(page, "beta").ClickAsync();

        await Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-loop", "beta");
        Assert.EndsWith("#loop=beta", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#chart-loop")).ToHaveTextAsync("· beta");
        // Its history arrives at once (from the journal), then it grows step by step; every point is beta's own.
        await LoopsPage.MorePointsAsync(page, 4, Patience);
        var opened = await LoopsPage.PointsAsync(page);
        await LoopsPage.MorePointsAsync(page, opened, Patience);
        await Expect(page.Locator("#last-step")).ToContainTextAsync("SP 6,");
        Assert.Equal(new[] { 6.0 }, await LoopsPage.TargetsAsync(page));
        var shownStep = long.Parse(await page.Locator("#steps").InnerTextAsync(), CultureInfo.InvariantCulture);
        var betaStep = (await _run.GetJsonAsync("api/loops/beta")).GetProperty("lastDecision").GetProperty("step").GetInt64();
        Assert.InRange(shownStep, betaStep - 10, betaStep + 10);

        using (var pause = await _run.PostAsync("api/loops/beta/pause", Token))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        await Expect(LoopsPage.Row(page, "beta").Locator(".state")).ToHaveTextAsync("paused", new() { Timeout = Patience });
        await Expect(page.Locator("#controller")).ToHaveTextAsync("Paused", new() { Timeout = Patience });
        await Expect(LoopsPage.Row(page, "alpha").Locator(".state")).ToHaveTextAsync("running");
        await Expect(LoopsPage.Row(page, "gamma").Locator(".state")).ToHaveTextAsync("ended", new() { Timeout = Patience });
        await Expect(LoopsPage.Row(page, "gamma")).ToContainTextAsync("max-failures reached in loop gamma");

        // A link to a loop's chart opens it.
        await page.GotoAsync(new Uri(_run.Url, "#loop=alpha").ToString());
        await page.ReloadAsync();
        await Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-loop", "alpha", new() { Timeout = Patience });
        await LoopsPage.MorePointsAsync(page, 4, Patience);
        Assert.Equal(new[] { 3.0 }, await LoopsPage.TargetsAsync(page));

        var desktop = Chromium.ScreenshotPath("web-ui-loops-desktop.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = desktop, FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        var phone = Chromium.ScreenshotPath("web-ui-loops-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = phone, FullPage = true });
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the page scrolls sideways on a phone-sized screen");
        output.WriteLine($"Screenshots: {desktop} and {phone}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
