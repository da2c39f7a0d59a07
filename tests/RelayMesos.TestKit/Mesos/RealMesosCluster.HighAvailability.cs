using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using RelayMesos.TestKit.ZooKeeper;

namespace RelayMesos.TestKit.Mesos;

/// <summary>
/// Several masters electing a leader through start-mesos' own ZooKeeper: find the leader, SIGKILL it, start it again
/// (start-mesos leaves a killed master down), and kill or restart that ZooKeeper. What this restarts runs with the
/// command line, environment and folder of the process it replaces, as this object's child; it names the cluster's
/// work dir on its command line, so the sweep on dispose ends it too.
/// </summary>
public sealed partial class RealMesosCluster
{
    /// <summary>start-mesos starts its ZooKeeper on the first master's port + 900.</summary>
    private const int ZooKeeperPortOffset = 900;

    private readonly Dictionary<string, ProcessImage> _killed = [];
    private readonly List<Process> _restarted = [];

    /// <summary>The zk:// URL the masters elect through (start-mesos' own ZooKeeper server), e.g. zk://127.0.0.1:23950/mesos.</summary>
    public string ZooKeeperUrl => $"zk://127.0.0.1:{Master.Port + ZooKeeperPortOffset}/mesos";

    /// <summary>
    /// The master that answers <c>/master/state</c> itself (the others redirect to it), and when it was elected by its own
    /// account (<c>elected_time</c>); waits for one within <paramref name="timeout"/>.
    /// </summary>
    public async Task<ElectedMaster> LeadingMasterAsync(TimeSpan timeout)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            for (var i = 0; i < Masters.Count; i++)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(Masters[i], "master/state")).ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
                    if (state.RootElement.TryGetProperty("elected_time", out var elected))
                    {
                        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(elected.GetDouble() * 1000));
                        return new ElectedMaster(i, Masters[i], at);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // Down, or not ready to answer: the next one, or the next round.
                }
            }

            if (deadline.Elapsed > timeout)
            {
                throw new MesosUnavailableException($"No Mesos master was elected within {timeout}.\n{Tail()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>SIGKILLs master <paramref name="index"/> (no goodbye to ZooKeeper or the agents) and says when.</summary>
    public DateTimeOffset KillMaster(int index) => KillByPidFile($"master{index}");

    /// <summary>Starts a killed master again, as it was started; it rejoins as a follower (its replicated log is kept).</summary>
    public void RestartMaster(int index) => Restart($"master{index}");

    /// <summary>SIGKILLs start-mesos' ZooKeeper server (its data stays) and says when.</summary>
    public DateTimeOffset KillZooKeeper() => KillByPidFile("zookeeper");

    /// <summary>Starts the killed ZooKeeper server again on its port and data, and waits until it answers.</summary>
    public async Task RestartZooKeeperAsync(TimeSpan timeout)
    {
        Restart("zookeeper");
        var port = Master.Port + ZooKeeperPortOffset;
        var deadline = Stopwatch.StartNew();
        while (!await ZooKeeperProbe.AnswersRuokAsync(port).ConfigureAwait(false))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new MesosUnavailableException($"The restarted ZooKeeper did not answer on port {port} within {timeout}.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private DateTimeOffset KillByPidFile(string name)
    {
        var pidFile = Path.Combine(WorkDirectory, name + ".pid");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        _killed[name] = ProcessImage.Of(pid);
        Signal("KILL", $"{pid}");
        var at = DateTimeOffset.UtcNow;
        var deadline = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && !IsZombie(pid) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(10);
        }

        return at;
    }

    private void Restart(string name)
    {
        if (!_killed.Remove(name, out var image))
        {
            throw new InvalidOperationException($"{name} was not killed by this test kit: nothing to restart.");
        }

        // bash appends its output where start-mesos put the first one's, and execs it: the pid is the process's own.
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = image.WorkingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >>\"$0\" 2>&1");
        start.ArgumentList.Add(Path.Combine(WorkDirectory, name + ".out"));
        foreach (var argument in image.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in image.Environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new MesosUnavailableException($"Could not start {name} again.");
        _restarted.Add(process);
        File.WriteAllText(Path.Combine(WorkDirectory, name + ".pid"), process.Id.ToString(CultureInfo.InvariantCulture));
    }

    private void DisposeRestarted()
    {
        foreach (var process in _restarted)
        {
            if (!process.HasExited)
            {
                Signal("KILL", $"{process.Id}");
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }

            process.Dispose();
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ..."; a killed child of start-mesos stays a zombie until it is reaped.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>What it takes to start a process again as it was: its arguments, environment and working folder.</summary>
    private sealed record ProcessImage(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
    {
        public static ProcessImage Of(int pid)
        {
            static string[] Fields(string file) => File.ReadAllText(file).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in Fields($"/proc/{pid}/environ"))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    environment[entry[..equals]] = entry[(equals + 1)..];
                }
            }

            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget ?? "/";
            return new ProcessImage(Fields($"/proc/{pid}/cmdline"), environment, cwd);
        }
    }
}
