using System.Globalization;
using RelayMesos.Bench;

namespace RelayMesos.Control.Simulation.Tests;

/// <summary>The real plant bench's queue over real loopback HTTP: its depth and its arrival counter.</summary>
public class QueuePlantServerTests
{
    [Fact]
    public async Task The_arrival_counter_counts_every_item_released_whether_or_not_it_was_taken()
    {
        await using var server = new QueuePlantServer([0.0, 0.01, 0.02, 0.03], duration: 30);
        server.Start();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        async Task<int> Get(string path) => int.Parse(await http.GetStringAsync(path), CultureInfo.InvariantCulture);

        // Nothing arrives before the first sample after arming.
        Assert.Equal(0, await Get("arrived"));
        server.Arm();
        Assert.Equal(0, await Get("depth"));
        var deadline = DateTime.UtcNow + RelayMesos.TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(10));
        while (await Get("arrived") < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, await Get("take?id=0"));
        Assert.Equal((4, 3), (await Get("arrived"), await Get("depth")));
    }
}
