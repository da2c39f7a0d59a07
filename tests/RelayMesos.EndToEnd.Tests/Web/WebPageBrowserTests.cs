using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Web;

[Collection(ObservedRunCollection.Name)]
public sealed class WebPageBrowserTests(ObservedRunFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_page_shows_the_leader_and_a_chart_that_grows_with_each_step()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await Chromium.NewPageAsync(browser);
        await page.GotoAsync(fixture.Run.Url.ToString());

        await Assertions.Expect(page.Locator("#role")).ToHaveTextAsync("leader", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        var before = await LoopsPage.PointsAsync(page);
        await LoopsPage.MorePointsAsync(page, before + 3, 15_000);
        Assert.True(int.Parse(await page.Locator("#steps").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) > before);
        await Assertions.Expect(page.Locator("#framework")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("-0000$"), new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        // Round y ticks (0, 2, 4, …: a 1, 2 or 5 step, never 1.9 or 3.8), a wall-clock time axis and a scale for MV.
        var yTicks = (await page.Locator("#grid text.y-tick").AllTextContentsAsync()).Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(yTicks.Count >= 3, $"y ticks: {string.Join(", ", yTicks)}");
        var yStep = yTicks[1] - yTicks[0];
        var mantissa = yStep / Math.Pow(10, Math.Floor(Math.Log10(yStep)));
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0 });
        Assert.All(yTicks, t => Assert.Equal(0, Math.Round(t / yStep, 6) % 1));
        var timeTicks = await page.Locator("#grid text.t-tick").AllTextContentsAsync();
        Assert.True(timeTicks.Count >= 2, $"time ticks: {string.Join(", ", timeTicks)}");
        Assert.All(timeTicks, t => Assert.Matches(@"^\d\d:\d\d(:\d\d)?$", t));
        var mvTicks = await page.Locator("#grid text.mv-tick").AllTextContentsAsync();
        Assert.Equal(3, mvTicks.Count);
        Assert.Matches(@"^\+\d+$", mvTicks[0]);

        var desktop = Chromium.ScreenshotPath("web-ui-desktop.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = desktop, FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        var phone = Chromium.ScreenshotPath("web-ui-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = phone, FullPage = true });
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a phone-sized screen");
        output.WriteLine($"Screenshots: {desktop} and {phone}");
    }

    [Fact]
    public async Task A_headless_screenshot_with_a_virtual_time_budget_finishes_despite_the_live_connection()
    {
        Assert.True(File.Exists(Chromium.Path), $"{Chromium.Path} is missing: install Debian's browser with `apt-get install -y chromium`.");
        var shot = Path.Combine(Directory.CreateTempSubdirectory("relay-shot-").FullName, "page.png");
        var start = new System.Diagnostics.ProcessStartInfo(Chromium.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--window-size=1280,900",
            $"--screenshot={shot}", "--virtual-time-budget=3000", fixture.Run.Url.ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var chromium = System.Diagnostics.Process.Start(start)!;
        _ = chromium.StandardOutput.ReadToEndAsync();
        _ = chromium.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(RelayMesos.TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(90)));
        try
        {
            await chromium.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            chromium.Kill(entireProcessTree: true);
            Assert.Fail("chromium --headless --screenshot --virtual-time-budget=3000 did not finish: the page holds a fetch open");
        }

        Assert.True(new FileInfo(shot).Length > 0, "no screenshot was written");
        output.WriteLine($"Screenshot: {shot}");
    }
}
