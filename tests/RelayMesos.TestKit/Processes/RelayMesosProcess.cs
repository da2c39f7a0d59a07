using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RelayMesos.TestKit.Processes;

/// <summary>
/// The real relay-mesos executable (built next to the test assembly) as a child process: its output is
/// captured line by line so tests can wait for what it logs, signal it, and read its exit code.
/// </summary>
public sealed class RelayMesosProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errorLines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private RelayMesosProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errorLines.Enqueue(e.Data);
            }

            Add(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Everything written, stdout and stderr interleaved as it arrived.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>What was written to stderr alone.</summary>
    public string Error => string.Join('\n', _errorLines);

    public bool HasExited => _process.HasExited;

    public static RelayMesosProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "relay-mesos.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The tests' own environment must not leak Relay.Mesos settings into the process under test.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("RELAY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new RelayMesosProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Runs to completion; Output holds every line, Error stderr alone.</summary>
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        await using var process = Start(args, environment);
        var exitCode = await process.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return new ProcessResult(exitCode, process.Output, process.Error);
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/> (searching everything logged so far first).</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout, int occurrence = 1)
    {
        var regex = new Regex(pattern);
        var deadline = DateTime.UtcNow + TestTimeFactor.Dilate(timeout);
        while (true)
        {
            var matches = _lines.Select(l => regex.Match(l)).Where(m => m.Success).ToList();
            if (matches.Count >= occurrence)
            {
                return matches[occurrence - 1];
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || (_process.HasExited && _lineArrived.CurrentCount == 0 && !await _lineArrived.WaitAsync(200)))
            {
                throw new TimeoutException(
                    $"No line matching /{pattern}/ (occurrence {occurrence}) within {timeout}{(_process.HasExited ? $"; the process exited with {_process.ExitCode}" : "")}. Output:\n{Tail()}");
            }

            await _lineArrived.WaitAsync(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Sends a Unix signal (TERM for a clean shutdown, KILL for a crash).</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {_process.Id}");
        kill?.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(TestTimeFactor.Dilate(timeout));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // A step is logged four times a second: a plain tail of a long run shows nothing but steps, and a task
            // that went wrong three minutes earlier (the one case seen: a task "in flight" for ever) leaves no trace.
            var events = _lines.Where(l => !l.Contains(": PV=", StringComparison.Ordinal)).TakeLast(40);
            throw new TimeoutException(
                $"relay-mesos did not exit within {timeout}. Its last lines other than step decisions:\n{string.Join('\n', events)}\nIts last lines:\n{Tail(10)}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public string Tail(int lines = 60) => string.Join('\n', _lines.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        _lineArrived.Release();
    }
}
