using System.Diagnostics;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>
/// A <c>relay-mesos</c> process (the built relay-mesos.dll run with <c>dotnet</c>) whose JSON log is kept in
/// memory for the assertions and written to a file for whoever reads a failure.
/// </summary>
internal sealed class RelayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _file;
    private readonly List<LogLine> _lines = [];
    private readonly Lock _gate = new();

    private RelayProcess(string name, Process process, StreamWriter file)
    {
        Name = name;
        _process = process;
        _file = file;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    /// <summary>When the test SIGKILLed it; null while it lives or after a clean stop.</summary>
    public DateTimeOffset? KilledAt { get; private set; }

    /// <summary>When the test SIGSTOPped it: from then on it cannot act, though it may still believe it leads.</summary>
    public DateTimeOffset? FrozenAt { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once it has exited; null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string LogPath => ((FileStream)_file.BaseStream).Name;

    public IReadOnlyList<LogLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <param name="environment">Set for the child; every other RELAY_* variable of this process is removed, so the runner's environment cannot change the configuration under test.</param>
    public static RelayProcess Start(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = logFolder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "relay-mesos.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("RELAY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var file = new StreamWriter(Path.Combine(logFolder, name + ".log")) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var relay = new RelayProcess(name, process, file);
        process.OutputDataReceived += (_, e) => relay.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => relay.Receive(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return relay;
    }

    /// <summary>A standalone <c>relay-mesos local-cluster</c> (two agents, offers every 250 ms) on <paramref name="port"/>, logging JSON.</summary>
    public static RelayProcess StartLocalCluster(int port, string logFolder) => Start(
        "cluster",
        ["local-cluster", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--agents", "2",
         "--set", "relay.logging.format=json", "--set", "relay.local-cluster.allocation-interval=250ms"],
        new Dictionary<string, string>(),
        logFolder);

    /// <summary>The first line after <paramref name="after"/> that matches; fails the test when the process exits or the time is up.</summary>
    public async Task<LogLine> WaitForAsync(Func<LogLine, bool> match, TimeSpan timeout, DateTimeOffset? after = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = Lines.FirstOrDefault(l => (after is null || l.Timestamp > after) && match(l));
            if (found is not null)
            {
                return found;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while the test waited for a log line; see {LogPath}.");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} did not log the expected line within {timeout}; see {LogPath}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The first of <paramref name="instances"/> that logged a matching line; fails the test when the time is up.</summary>
    public static async Task<RelayProcess> WaitForAnyAsync(IReadOnlyList<RelayProcess> instances, Func<LogLine, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (instances.FirstOrDefault(p => p.Lines.Any(match)) is { } found)
            {
                return found;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"None of {string.Join(", ", instances.Select(p => p.Name))} logged the expected line within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to end by itself; fails the test when it still runs after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} still runs after {timeout}; see {LogPath}.");
        }
    }

    /// <summary>SIGKILL: no lease release, no goodbye to Mesos, exactly like a crashed host.</summary>
    public void Kill()
    {
        KilledAt = DateTimeOffset.UtcNow;
        _process.Kill();
    }

    /// <summary>SIGSTOP: a process that hangs (a long GC pause, a stalled VM) while its lease runs out.</summary>
    public async Task FreezeAsync()
    {
        // Stamped once the signal is delivered: a line the process logged while `kill` was starting is not "after the freeze".
        await SignalAsync("-STOP");
        FrozenAt = DateTimeOffset.UtcNow;
    }

    /// <summary>SIGCONT: it wakes up believing it still leads until it notices otherwise.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>SIGTERM, then SIGKILL when it has not ended within <paramref name="grace"/>.</summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        await SignalAsync("-CONT");
        await SignalAsync("-TERM");
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// A test's end: the instances, then the cluster they used, each SIGTERMed (SIGKILLed after 15 s); the log folder is
    /// deleted when given (a passed test), kept for whoever reads a failure otherwise.
    /// </summary>
    public static async Task EndAllAsync(IReadOnlyList<RelayProcess> instances, RelayProcess cluster, string? logFolderToDelete)
    {
        await Task.WhenAll(instances.Select(p => p.TerminateAsync(TimeSpan.FromSeconds(15))));
        await cluster.TerminateAsync(TimeSpan.FromSeconds(15));
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        if (logFolderToDelete is not null)
        {
            Directory.Delete(logFolderToDelete, recursive: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_gate)
        {
            _file.Dispose();
        }
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private void Receive(string? text)
    {
        if (text is null)
        {
            return;
        }

        var line = LogLine.TryParse(text);
        lock (_gate)
        {
            _file.WriteLine(text);
            if (line is not null)
            {
                _lines.Add(line);
            }
        }
    }
}
