using Microsoft.Playwright;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>Debian's Chromium under Playwright, headless, as the browser tests drive it.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install Debian's browser with `apt-get install -y chromium`.");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A desktop-sized page.</summary>
    public static Task<IPage> NewPageAsync(IBrowser browser) =>
        browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

    /// <summary>Where a test leaves its screenshots (beside the test assembly, for a person to look at).</summary>
    public static string ScreenshotPath(string name) =>
        System.IO.Path.Combine(Directory.CreateDirectory(System.IO.Path.Combine(AppContext.BaseDirectory, "TestResults")).FullName, name);
}
