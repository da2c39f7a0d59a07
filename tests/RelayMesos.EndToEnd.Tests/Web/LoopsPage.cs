using System.Globalization;
using Microsoft.Playwright;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>What the browser tests read of the page: a loop's row, and the chart's points and targets.</summary>
internal static class LoopsPage
{
    public static ILocator Row(IPage page, string loop) => page.Locator($"#loop-rows tr[data-loop='{loop}']");

    /// <summary>How many steps the chart draws.</summary>
    public static async Task<int> PointsAsync(IPage page) =>
        int.Parse(await page.Locator("#pv-line").GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture);

    /// <summary>Waits until the chart draws more than <paramref name="than"/> steps.</summary>
    public static Task MorePointsAsync(IPage page, int than, float timeoutMs) =>
        page.WaitForFunctionAsync($"() => Number(document.getElementById('pv-line').dataset.points) > {than}", null, new() { Timeout = timeoutMs });

    /// <summary>The distinct targets of the steps the chart draws.</summary>
    public static async Task<double[]> TargetsAsync(IPage page) =>
        await page.Locator("#chart").EvaluateAsync<double[]>("chart => JSON.parse(chart.dataset.targets)");
}
