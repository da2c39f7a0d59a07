using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;
using RelayMesos.Host.Running;

namespace RelayMesos.EndToEnd.Tests.Placement;

/// <summary>
/// relay-mesos in long-running mode on its embedded cluster, in process: the metric counts our running warmers
/// (`sleep 3600`), the target is a command reading a file the test rewrites, and the cluster's /master/state is
/// sampled in the background so assertions can cover everything that happened, not just the end.
/// </summary>
internal sealed class RelayOnLocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string directory = Directory.CreateTempSubdirectory("relay-placement-").FullName;
    private readonly HttpClient http = new();
    private readonly CancellationTokenSource sampling = new();
    private readonly ConcurrentQueue<IReadOnlyList<ClusterTask>> samples = new();
    private IHost? host;
    private Task sampler = Task.CompletedTask;

    public CapturedLog Log { get; } = new();

    /// <summary>Every live-task snapshot taken so far.</summary>
    public IReadOnlyList<IReadOnlyList<ClusterTask>> Samples => [.. samples];

    private string TargetFile => TargetFileOf("");

    /// <param name="mesos">HOCON placed inside relay.mesos (constraints, health-check).</param>
    public static Task<RelayOnLocalCluster> StartAsync(int target, int agents, string agentAttributes, string mesos)
    {
        var relay = new RelayOnLocalCluster();
        relay.SetTarget(target);
        return relay.StartAsync(agents, agentAttributes, mesos, $$"""target { type = command, command = "cat '{{relay.TargetFile}}'", timeout = 2s }""");
    }

    /// <summary>Several loops, each following its own target file (<see cref="SetTarget(string, int)"/>).</summary>
    /// <param name="loops">Each loop's first target, and HOCON placed inside its block.</param>
    /// <param name="cpus">Each agent's cpus (a task takes 0.5, the default).</param>
    public static Task<RelayOnLocalCluster> StartLoopsAsync(IReadOnlyList<(string Name, int Target, string Extra)> loops, int agents, double cpus = 2)
    {
        var relay = new RelayOnLocalCluster();
        var blocks = new List<string>();
        foreach (var (name, target, extra) in loops)
        {
            relay.SetTarget(name, target);
            blocks.Add($$"""{{name}} { target { type = command, command = "cat '{{relay.TargetFileOf(name)}}'", timeout = 2s }, {{extra}} }""");
        }

        return relay.StartAsync(agents, "", "", "loops {\n" + string.Join("\n", blocks) + "\n}", cpus);
    }

    private async Task<RelayOnLocalCluster> StartAsync(int agents, string agentAttributes, string mesos, string relayExtra, double cpus = 2)
    {
        var relay = this;
        var text = $$"""
            relay {
              metric { type = tasks }
              {{relayExtra}}
              warmer = "sleep 3600"
              controller { mode = long-running, delay = 200ms }
              mesos {
                master = local
                refuse = 1s
                task.kill-grace-period = 1s
                {{mesos}}
              }
              local-cluster {
                agents = {{agents.ToString(CultureInfo.InvariantCulture)}}
                cpus = {{cpus.ToString(CultureInfo.InvariantCulture)}}
                mem = 1024
                allocation-interval = 100ms
                heartbeat-interval = 1s
                status-retry-interval = 1s
                agent-attributes = "{{agentAttributes}}"
                work-dir = "{{Path.Combine(relay.directory, "cluster")}}"
              }
              persistence.provider = memory
              web.enabled = false
            }
            """;
        var hocon = HoconConfig.ParseString(text, "placement-test")
            .WithFallback(HoconConfig.ParseString(RelayConfigurationLoader.ReferenceText(), RelayConfigurationLoader.ReferenceName))
            .Resolve(new Dictionary<string, string?>());
        try
        {
            relay.host = RelayHost.Build(hocon, new RelayHostOptions(), logging => logging.AddProvider(relay.Log));
            await RelayHost.StartAsync(relay.host, CancellationToken.None);
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }

        relay.sampler = Task.Run(relay.SampleAsync);
        return relay;
    }

    public void SetTarget(int target) => SetTarget("", target);

    public void SetTarget(string loop, int target)
    {
        // Written aside and moved, so the target command never reads a half-written file.
        var file = TargetFileOf(loop);
        var staging = file + ".new";
        File.WriteAllText(staging, target.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(staging, file, overwrite: true);
    }

    private string TargetFileOf(string loop) => Path.Combine(directory, loop.Length == 0 ? "target" : $"target-{loop}");

    public async Task<IReadOnlyList<ClusterTask>> LiveTasksAsync()
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(host!.Services.GetRequiredService<MesosMaster>().Address + "/master/state")));
        var root = document.RootElement;
        var agents = root.GetProperty("slaves").EnumerateArray().ToDictionary(
            a => a.GetProperty("id").GetString()!,
            a => (Hostname: a.GetProperty("hostname").GetString()!,
                Attributes: (IReadOnlyDictionary<string, string>)a.GetProperty("attributes").EnumerateObject()
                    .ToDictionary(p => p.Name, p => p.Value.ToString())));
        var tasks = new List<ClusterTask>();
        foreach (var framework in root.GetProperty("frameworks").EnumerateArray())
        {
            foreach (var task in framework.GetProperty("tasks").EnumerateArray())
            {
                var agent = agents[task.GetProperty("slave_id").GetString()!];
                // The latest status is the last; `healthy` appears once a check reported.
                var statuses = task.GetProperty("statuses");
                bool? healthy = statuses.GetArrayLength() > 0 && statuses[statuses.GetArrayLength() - 1].TryGetProperty("healthy", out var h)
                    && h.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? h.GetBoolean()
                    : null;
                var labels = task.TryGetProperty("labels", out var l)
                    ? l.EnumerateArray().ToDictionary(x => x.GetProperty("key").GetString()!, x => x.GetProperty("value").GetString() ?? "")
                    : [];
                var clusterTask = new ClusterTask(
                    task.GetProperty("id").GetString()!, task.GetProperty("state").GetString()!, agent.Hostname, agent.Attributes,
                    task.GetProperty("sandbox").GetString()!, healthy, labels, task.GetProperty("name").GetString()!);
                if (clusterTask.IsLive)
                {
                    tasks.Add(clusterTask);
                }
            }
        }

        return tasks;
    }

    /// <summary>Polls the cluster until <paramref name="condition"/> holds for its live tasks; fails after a generous limit.</summary>
    public async Task<IReadOnlyList<ClusterTask>> WaitUntilAsync(Func<IReadOnlyList<ClusterTask>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var tasks = await LiveTasksAsync();
            if (condition(tasks))
            {
                return tasks;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}; live tasks: " +
                    string.Join(", ", tasks.Select(t => $"{t.Id}@{t.Hostname} {t.State} healthy={t.Healthy}")));
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await sampling.CancelAsync();
        await sampler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (host is not null)
        {
            using var patience = new CancellationTokenSource(Patience);
            await host.StopAsync(patience.Token);
            host.Dispose();
        }

        http.Dispose();
        sampling.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A task's sandbox may still be closing; the temp directory is left to the OS.
        }
    }

    private async Task SampleAsync()
    {
        while (!sampling.IsCancellationRequested)
        {
            try
            {
                samples.Enqueue(await LiveTasksAsync());
                await Task.Delay(20, sampling.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                return;
            }
        }
    }
}
