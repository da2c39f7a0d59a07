using System.Text.Json;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>
/// A real <c>relay-mesos run</c> process (the built relay-mesos.dll) on a free port, with a fast loop: 200 ms
/// steps, a 10 s sine target, 2 s warmers. Its whole output is kept so tests can read the log.
/// </summary>
public sealed class RelayMesosRun : IAsyncDisposable
{
    private readonly RelayMesosProcess _process;
    private readonly string? _token;
    private readonly string[] _extraSettings;
    private bool _ownsWorkDir = true;

    private RelayMesosRun(RelayMesosProcess process, string workDir, Uri url, string? token, string[] extraSettings)
    {
        _process = process;
        WorkDir = workDir;
        Url = url;
        Http.BaseAddress = url;
        _token = token;
        _extraSettings = extraSettings;
    }

    public string WorkDir { get; }

    public Uri Url { get; }

    // Roomy: the first requests to a process that is still starting on a loaded machine wait for JIT and a busy thread pool.
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Output => _process.Output;

    public RelayMesosProcess Process => _process;

    /// <summary>
    /// The settings of one member of a two-member cluster on one database: the member started with
    /// <c>akka.remote.dot-netty.tcp.port={seedPort}</c> added is the seed, which the other joins.
    /// </summary>
    public static string[] TwoMembers(string master, string database, int seedPort) =>
    [
        $"relay.mesos.master={master}",
        $"relay.persistence.sqlite.path={database}",
        "relay.leader-election.lease-ttl=4s",
        "relay.leader-election.renew-interval=1s",
        $"akka.cluster.seed-nodes=\"akka.tcp://relay-mesos@127.0.0.1:{seedPort}\"",
        // Two members: keep-majority would keep the lowest address, dead or alive; the side that takes the SQL lease survives instead.
        "akka.cluster.split-brain-resolver.active-strategy=lease-majority",
    ];

    public static Task<RelayMesosRun> StartAsync(string? token, params string[] extraSettings) =>
        StartInAsync(Directory.CreateTempSubdirectory("relay-mesos-web-").FullName, token, extraSettings);

    /// <summary>
    /// Stops this run (SIGTERM, as an operator restarting it would; this one is disposed) and starts it again with the
    /// same settings on the same database; the new run owns the work directory from then on.
    /// </summary>
    public async Task<RelayMesosRun> RestartAsync()
    {
        _ownsWorkDir = false;
        // Disposing ends the process by its pid if SIGTERM did not: two runs on one SQLite file at once is not a restart.
        await DisposeAsync();
        return await StartInAsync(WorkDir, _token, _extraSettings);
    }

    private static async Task<RelayMesosRun> StartInAsync(string workDir, string? token, string[] extraSettings)
    {
        var settings = new List<string>
        {
            "relay.web.port=0",
            "relay.controller.delay=200ms",
            "relay.target.period=10s",
            "relay.warmer=\"sleep 2\"",
            "relay.local-cluster.allocation-interval=200ms",
            $"relay.persistence.sqlite.path={Path.Combine(workDir, "relay.db")}",
        };
        if (token is not null)
        {
            var tokenFile = Path.Combine(workDir, "operator.token");
            await File.WriteAllTextAsync(tokenFile, token + "\n");
            settings.Add($"relay.web.token-file={tokenFile}");
        }

        var process = RelayMesosProcess.Start(
            ["run", .. settings.Concat(extraSettings).SelectMany(setting => new[] { "--set", setting })],
            workingDirectory: workDir);
        try
        {
            var announced = await process.WaitForLineAsync("Web UI and HTTP API on (http://[^ \"]+/)", TimeSpan.FromSeconds(30));
            return new RelayMesosRun(process, workDir, new Uri(announced.Groups[1].Value), token, extraSettings);
        }
        catch (TimeoutException ex)
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"relay-mesos run did not report its web URL. {ex.Message}", ex);
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var text = await Http.GetStringAsync(path);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A POST without a body (an operator action), with <paramref name="token"/> as its bearer token when given.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, or fails after 20 s (stretched by the test time factor).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var patience = TestKit.TestTimeFactor.Dilate(TimeSpan.FromSeconds(20));
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {patience.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await _process.DisposeAsync();
        if (!_ownsWorkDir)
        {
            return;
        }

        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: the run command shuts down cleanly (and kills its local tasks) on a signal.
            _process.Signal("TERM");
            try
            {
                await _process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
            }
        }
    }
}
