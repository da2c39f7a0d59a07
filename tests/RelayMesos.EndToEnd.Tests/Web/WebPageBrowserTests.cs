using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Web;

[Collection(ObservedRunCollection.Name)]
public sealed class WebPageBrowserTests(ObservedRunFixture fixture, ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_page_shows_the_leader_and_a_chart_that_grows_with_each_step()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's browser with `apt-get install -y chromium`.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(fixture.Run.Url.ToString());

        await Assertions.Expect(page.Locator("#role")).ToHaveTextAsync("leader", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        var before = await PointsAsync(page);
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('pv-line').dataset.points) > {before + 3}", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.True(int.Parse(await page.Locator("#steps").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) > before);
        await Assertions.Expect(page.Locator("#framework")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("-0000$"), new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        var directory = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults")).FullName;
        var desktop = Path.Combine(directory, "web-ui-desktop.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = desktop, FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        var phone = Path.Combine(directory, "web-ui-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = phone, FullPage = true });
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a phone-sized screen");
        output.WriteLine($"Screenshots: {desktop} and {phone}");
    }

    private static async Task<int> PointsAsync(IPage page) =>
        int.Parse(await page.Locator("#pv-line").GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
