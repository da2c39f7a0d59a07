using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace RelayMesos.TestKit.Mesos;

/// <summary>
/// A real Apache Mesos 1.12 master with agents on 127.0.0.1, started by `start-mesos` as a child process in
/// its own process group and ended by its pid (SIGTERM, which stops master, agents and their tasks; the
/// group is SIGKILLed if that does not end it). Its work dir holds the master's and agents' logs and the
/// sandboxes; it is deleted on dispose unless <see cref="KeepWorkDirectory"/> was called (a test failed).
/// </summary>
public sealed partial class RealMesosCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly List<int> _paused = [];
    private bool _keep;

    private RealMesosCluster(Process process, ConcurrentQueue<string> output, Uri master, string workDirectory, int agents, int masters)
    {
        _process = process;
        _output = output;
        Master = master;
        WorkDirectory = workDirectory;
        Agents = agents;
        Masters = Enumerable.Range(0, masters).Select(i => new Uri($"http://127.0.0.1:{master.Port + i}")).ToList();
    }

    /// <summary>The master's base URL, e.g. http://127.0.0.1:23050 (no trailing slash); with several, the first one's.</summary>
    public Uri Master { get; }

    /// <summary>Every master's base URL, in start-mesos' order (master i listens on the first one's port + i).</summary>
    public IReadOnlyList<Uri> Masters { get; }

    public string WorkDirectory { get; }

    public int Agents { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts start-mesos on free ports; agent i is `agent-i` with the attributes given (`{i}` is its index). With
    /// <paramref name="masters"/> above 1 the masters elect a leader through start-mesos' own ZooKeeper (see
    /// <see cref="ZooKeeperUrl"/>), and this returns once it printed every master.
    /// </summary>
    /// <param name="flags">
    /// Master and agent flags as Mesos reads them from its environment (MESOS_AGENT_PING_TIMEOUT=2secs, …): start-mesos
    /// passes its environment on to both.
    /// </param>
    public static async Task<RealMesosCluster> StartAsync(
        int agents = 2, string attributes = "rack:r{i}", string? resources = null, IReadOnlyDictionary<string, string>? flags = null, int masters = 1)
    {
        var script = MesosHome.StartScript();
        var (masterPort, agentPort) = FreePorts(agents, masters);
        var work = Directory.CreateTempSubdirectory("relay-mesos-real-").FullName;
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in flags ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        // setsid: its own process group, so whatever start-mesos leaves behind can be ended by that group's id.
        foreach (var arg in new[] { script, "--master-port", $"{masterPort}", "--agent-port", $"{agentPort}", "--agents", $"{agents}", "--work", work, "--masters", $"{masters}" })
        {
            start.ArgumentList.Add(arg);
        }

        if (attributes.Length > 0)
        {
            start.ArgumentList.Add("--attributes");
            start.ArgumentList.Add(attributes);
        }

        if (resources is not null)
        {
            start.ArgumentList.Add("--resources");
            start.ArgumentList.Add(resources);
        }

        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new MesosUnavailableException(
            $"start-mesos exited before the master was ready; work dir {work}. Its output:\n{string.Join('\n', output)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var cluster = new RealMesosCluster(process, output, new Uri($"http://127.0.0.1:{masterPort}"), work, agents, masters);
        try
        {
            var timeout = TestTimeFactor.Dilate(StartTimeout);
            if (await Task.WhenAny(ready.Task, Task.Delay(timeout)).ConfigureAwait(false) != ready.Task)
            {
                throw new MesosUnavailableException($"start-mesos printed no master line within {timeout}; work dir {work}. Its output:\n{string.Join('\n', output)}");
            }

            await ready.Task.ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            cluster.KeepWorkDirectory();
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            var match = masters == 1 ? ReadyLine().Match(line) : MastersLine().Match(line);
            if (match.Success)
            {
                ready.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        }
    }

    /// <summary>
    /// Freezes agent <paramref name="index"/> (SIGSTOP): it stops answering the master's pings, as a partitioned or hung
    /// host would, and the master marks it unreachable after its ping timeouts. Dispose thaws it before stopping all.
    /// </summary>
    public void PauseAgent(int index)
    {
        var workDir = $"--work_dir={Path.Combine(WorkDirectory, $"agent{index}")} ";
        foreach (var pid in PidsWhoseCommandLine(c => c.Contains("mesos-agent", StringComparison.Ordinal) && c.Contains(workDir, StringComparison.Ordinal)))
        {
            Signal("STOP", $"{pid}");
            _paused.Add(pid);
            return;
        }

        throw new MesosUnavailableException($"No mesos-agent process with {workDir.Trim()} found.");
    }

    /// <summary>Keeps the work dir (logs, sandboxes) after dispose, so a failure can be read.</summary>
    public void KeepWorkDirectory() => _keep = true;

    /// <summary>The last lines of the master's and agents' own output, for a failure message.</summary>
    public string Tail(int lines = 20)
    {
        var parts = new List<string> { $"start-mesos (pid {ProcessId}), work dir {WorkDirectory}: {string.Join(" | ", _output.TakeLast(3))}" };
        foreach (var file in Directory.EnumerateFiles(WorkDirectory, "*.out").Order(StringComparer.Ordinal))
        {
            try
            {
                var text = File.ReadAllLines(file);
                parts.Add($"--- {Path.GetFileName(file)} ---\n{string.Join('\n', text.TakeLast(lines))}");
            }
            catch (IOException)
            {
            }
        }

        return string.Join('\n', parts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pid in _paused)
        {
            Signal("CONT", $"{pid}");
        }

        DisposeRestarted();

        if (!_process.HasExited)
        {
            Signal("TERM", $"{_process.Id}");
            using var cts = new CancellationTokenSource(TestTimeFactor.Dilate(TimeSpan.FromSeconds(30)));
            try
            {
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        // The group start-mesos leads (setsid made its pid the group id): anything it left behind ends here.
        Signal("KILL", $"-{_process.Id}");
        _process.Dispose();
        KillExecutorsLeftBehind();
        if (!_keep)
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A sandbox may still be closing; the temp folder is left to the OS.
            }
        }
    }

    /// <summary>
    /// The agents' containerizer starts each executor in a session of its own, so neither the agents' SIGTERM nor the
    /// group kill reaches an executor whose agent is gone: it and its task lived on after every real-Mesos test. Each
    /// executor names this cluster's folder on its command line (its launcher dir); a task whose executor died first
    /// (a master failover test's `sleep 3600` warmers, reparented to init) names it only in its environment
    /// (MESOS_SANDBOX). Both are found that way and ended by pid.
    /// </summary>
    private void KillExecutorsLeftBehind()
    {
        var sandbox = "MESOS_SANDBOX=" + WorkDirectory;
        foreach (var pid in PidsWhoseCommandLine(c => c.Contains(WorkDirectory, StringComparison.Ordinal))
            .Concat(PidsWhoseEnvironment(e => e.Contains(sandbox, StringComparison.Ordinal))).Distinct())
        {
            Signal("KILL", $"{pid}");
        }
    }

    private static IEnumerable<int> PidsWhoseCommandLine(Func<string, bool> matches) => PidsWhose("cmdline", matches);

    private static IEnumerable<int> PidsWhoseEnvironment(Func<string, bool> matches) => PidsWhose("environ", matches);

    private static IEnumerable<int> PidsWhose(string procFile, Func<string, bool> matches)
    {
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out var pid))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(proc, procFile)).Replace('\0', ' ');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // the process ended while being read
            }

            if (matches(text))
            {
                yield return pid;
            }
        }
    }

    private static void Signal(string signal, string target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", target]) { RedirectStandardError = true, UseShellExecute = false });
        kill?.WaitForExit();
    }

    /// <summary>
    /// A run of <paramref name="masters"/> free master ports (and, with several, start-mesos' ZooKeeper port 900 above the
    /// first) and a run of <paramref name="agents"/> free agent ports.
    /// </summary>
    private static (int Master, int FirstAgent) FreePorts(int agents, int masters)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var master = masters == 1 ? FreePort() : Random.Shared.Next(10000, 19000);
            var first = Random.Shared.Next(20000, 30000);
            var masterPorts = Enumerable.Range(master, masters).Concat(masters > 1 ? [master + ZooKeeperPortOffset] : []);
            if (Enumerable.Range(first, agents).All(IsFree) && (masters == 1 || masterPorts.All(IsFree))
                && master is < 31000 or > 32000 && (master < first || master >= first + agents))
            {
                return (master, first);
            }
        }

        throw new MesosUnavailableException("No run of free ports for the Mesos agents between 20000 and 30000.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^mesos master (?<url>http://\S+)")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"^mesos masters (?<zk>zk://\S+): (?<url>http://\S+)")]
    private static partial Regex MastersLine();
}
