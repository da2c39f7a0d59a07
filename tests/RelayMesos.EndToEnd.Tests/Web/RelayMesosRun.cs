using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>
/// A real <c>relay-mesos run</c> process (the built relay-mesos.dll) on a free port, with a fast loop: 200 ms
/// steps, a 10 s sine target, 2 s warmers. Its whole output is kept so tests can read the log.
/// </summary>
public sealed partial class RelayMesosRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RelayMesosRun(Process process, string workDir)
    {
        _process = process;
        WorkDir = workDir;
    }

    public string WorkDir { get; }

    public Uri Url { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RelayMesosRun> StartAsync(string? token, params string[] extraSettings)
    {
        var workDir = Directory.CreateTempSubdirectory("relay-mesos-web-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
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

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "relay-mesos.dll"));
        start.ArgumentList.Add("run");
        foreach (var setting in settings.Concat(extraSettings))
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(setting);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("RELAY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start };
        var run = new RelayMesosRun(process, workDir);
        process.OutputDataReceived += (_, e) => run.Append(e.Data);
        process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ended = process.WaitForExitAsync();
        var first = await Task.WhenAny(run._url.Task, ended, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != run._url.Task)
        {
            var output = run.Output;
            await run.DisposeAsync();
            throw new InvalidOperationException($"relay-mesos run did not report its web URL. Output:\n{output}");
        }

        run.Url = await run._url.Task;
        run.Http.BaseAddress = run.Url;
        return run;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var text = await Http.GetStringAsync(path);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, or fails with the last reason after 20 s.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 20 s for {what}.");
            }

            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (WebUrl().Match(line) is { Success: true } match)
        {
            _url.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex("Web UI and HTTP API on (http://[^ \"]+/)")]
    private static partial Regex WebUrl();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            // SIGTERM first: the run command shuts down cleanly (and kills its local tasks) on a signal.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
