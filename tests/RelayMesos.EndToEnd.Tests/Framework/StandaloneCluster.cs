using System.Text.Json;
using RelayMesos.LocalCluster;

namespace RelayMesos.EndToEnd.Tests.Framework;

/// <summary>A local cluster that outlives the relay-mesos processes under test, as a real cluster would.</summary>
internal sealed class StandaloneCluster : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private StandaloneCluster(LocalMesosCluster cluster) => Cluster = cluster;

    public LocalMesosCluster Cluster { get; }

    public string Master => Cluster.MasterUri.ToString().TrimEnd('/');

    public static async Task<StandaloneCluster> StartAsync(double cpus = 4, int agents = 1)
    {
        var cluster = new LocalMesosCluster(new LocalClusterOptions
        {
            Port = 0,
            Agents = agents,
            Cpus = cpus,
            AllowRoot = true,
            AllocationInterval = TimeSpan.FromMilliseconds(100),
            HeartbeatInterval = TimeSpan.FromSeconds(2),
            StatusRetryInterval = TimeSpan.FromSeconds(1),
        });
        await cluster.StartAsync();
        return new StandaloneCluster(cluster);
    }

    public async Task<JsonElement> StateAsync()
    {
        using var state = JsonDocument.Parse(await _http.GetStringAsync(Master + "/master/state"));
        return state.RootElement.Clone();
    }

    /// <summary>Task ids of a framework (by name) in a state, e.g. TASK_RUNNING.</summary>
    public async Task<IReadOnlyList<string>> TasksAsync(string frameworkName, string state = "TASK_RUNNING")
    {
        var root = await StateAsync();
        return root.GetProperty("frameworks").EnumerateArray()
            .Where(f => f.GetProperty("name").GetString() == frameworkName)
            .SelectMany(f => f.GetProperty("tasks").EnumerateArray())
            .Where(t => t.GetProperty("state").GetString() == state)
            .Select(t => t.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public async Task<JsonElement?> FrameworkAsync(string name, bool completed = false)
    {
        var root = await StateAsync();
        foreach (var framework in root.GetProperty(completed ? "completed_frameworks" : "frameworks").EnumerateArray())
        {
            if (framework.GetProperty("name").GetString() == name)
            {
                return framework;
            }
        }

        return null;
    }

    public async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + TestKit.TestTimeFactor.Dilate(timeout);
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}; last value: {JsonSerializer.Serialize(last)}");
            }

            await Task.Delay(100);
            last = await probe();
        }

        return last;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Cluster.DisposeAsync();
    }
}
