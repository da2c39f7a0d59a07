using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RelayMesos.TestKit.ZooKeeper;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

/// <summary>
/// A throwaway standalone ZooKeeper server (Debian's <c>zookeeper</c> package) on loopback, with a
/// free port, a temporary data directory and a small heap. Absent binaries are a test failure that
/// names the install script, never a silent skip.
/// </summary>
public sealed class ZooKeeperServerProcess : IAsyncDisposable
{
    public const string ServerJar = "/usr/share/java/zookeeper.jar";
    private const string InstallScript = "tests/scripts/install-zookeeper.sh";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private readonly string _configFile;
    private Process? _process;
    private StringBuilder _log = new();

    private ZooKeeperServerProcess(string directory, int port)
    {
        _directory = directory;
        Port = port;
        _configFile = Path.Combine(directory, "zoo.cfg");
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        File.WriteAllText(_configFile, string.Join('\n',
            "tickTime=200",
            $"dataDir={Path.Combine(directory, "data")}",
            $"clientPort={port}",
            "clientPortAddress=127.0.0.1",
            "minSessionTimeout=400",
            "maxSessionTimeout=120000",
            "admin.enableServer=false",
            "forceSync=no",
            "4lw.commands.whitelist=ruok,srvr",
            ""));
    }

    public int Port { get; }

    public string HostPort => $"127.0.0.1:{Port}";

    public static async Task<ZooKeeperServerProcess> StartAsync()
    {
        if (!File.Exists(ServerJar))
        {
            throw new InvalidOperationException(
                $"ZooKeeper is not installed ({ServerJar} is missing). Run {InstallScript} as root " +
                "(it installs Debian's 'zookeeper' package) before running these tests.");
        }

        var directory = Directory.CreateTempSubdirectory("relay-mesos-zk-").FullName;
        var server = new ZooKeeperServerProcess(directory, FreePort());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the server hard (as a crash would) and starts it again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        Kill();
        await StartProcessAsync();
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    private async Task StartProcessAsync()
    {
        var java = Environment.GetEnvironmentVariable("JAVA_HOME") is { Length: > 0 } home
            ? Path.Combine(home, "bin", "java")
            : "java";
        var start = new ProcessStartInfo(java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                     $"-Dzookeeper.log.dir={_directory}",
                     "-cp", ServerJar,
                     "org.apache.zookeeper.server.ZooKeeperServerMain", _configFile,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var log = _log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ZooKeeper exited with code {process.ExitCode} at start-up:\n{Tail(log)}");
            }

            if (await ZooKeeperProbe.AnswersRuokAsync(Port))
            {
                return;
            }

            await Task.Delay(100);
        }

        Kill();
        throw new InvalidOperationException($"ZooKeeper did not answer 'ruok' on port {Port} within {StartTimeout}:\n{Tail(log)}");
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }

        return ValueTask.CompletedTask;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    /// <summary>The end of the current server process's output, for a failing test's message.</summary>
    public string LogTail() => Tail(_log);

    private static string Tail(StringBuilder log)
    {
        lock (log)
        {
            var text = log.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
