using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RelayMesos.TestKit.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL server: its own data folder under the temp folder, listening only on
/// 127.0.0.1 at a free port, fsync on (tests measure durability) but small memory. Runs as the
/// <c>postgres</c> OS user when the tests run as root, since PostgreSQL refuses to run as root.
/// Can be stopped and started again to test a database outage.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>Overrides where the server binaries are looked for.</summary>
    public const string BinariesVariable = "RELAY_MESOS_POSTGRES_BIN";

    private const string DefaultBinaries = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binaries;
    private readonly string _root;
    private readonly string _dataDirectory;
    private readonly bool _asPostgresUser;
    private bool _running;

    private PostgreSqlServer(string binaries, string root, int port, bool asPostgresUser)
    {
        _binaries = binaries;
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning => _running;

    /// <summary>initdb, then start; fails with <see cref="PostgreSqlUnavailableException"/> when the binaries are missing.</summary>
    public static async Task<PostgreSqlServer> StartNewAsync()
    {
        var binaries = Environment.GetEnvironmentVariable(BinariesVariable) ?? DefaultBinaries;
        if (!File.Exists(Path.Combine(binaries, "initdb")) || !File.Exists(Path.Combine(binaries, "pg_ctl")))
        {
            throw new PostgreSqlUnavailableException(
                $"PostgreSQL server binaries (initdb, pg_ctl) not found in {binaries}. Install the Debian package postgresql-15 " +
                $"(.ci/run does), or point {BinariesVariable} at a folder that has them.");
        }

        var asPostgresUser = Environment.UserName == "root";
        var root = Path.Combine(Path.GetTempPath(), "relay-mesos-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgreSqlServer(binaries, root, FreePort(), asPostgresUser);
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", root]).ConfigureAwait(false);
            }

            // --no-sync only skips flushing the freshly initialised files; the server runs with fsync on.
            await server.RunPostgresToolAsync("initdb", ["-D", server._dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]).ConfigureAwait(false);
            await server.StartAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            Timeout = 5,
        }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (_running)
        {
            return;
        }

        var settings = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            $"-c port={Port}",
            $"-c unix_socket_directories={_root}",
            "-c fsync=on",
            "-c synchronous_commit=on",
            "-c shared_buffers=16MB",
            "-c max_connections=60");
        await RunPostgresToolAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", settings, "-w", "-t", "30", "start"]).ConfigureAwait(false);
        _running = true;
        await WaitUntilAcceptingAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the server at once (<c>pg_ctl stop -m immediate</c>): a crash, as far as clients can tell.</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        await RunPostgresToolAsync("pg_ctl", ["-D", _dataDirectory, "stop", "-m", "immediate", "-w"]).ConfigureAwait(false);
        _running = false;
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The postmaster's process id, from its <c>postmaster.pid</c>, while the server runs.</summary>
    public int ServerPid => int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Stops the server as an operator's restart does: SIGINT to the postmaster's pid (fast shutdown: every session is
    /// told 57P01 "terminating connection due to administrator command" and ended), then waits for the process to end.
    /// Client pools are left as they are, stale connections included: that is what clients meet after a restart.
    /// </summary>
    public async Task ShutDownByPidAsync()
    {
        if (!_running)
        {
            return;
        }

        // The postmaster is not our child (pg_ctl started it): its end is its pid file's removal, the last thing it does.
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        await RunAsync("kill", ["-INT", ServerPid.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(CommandTimeout);
        while (File.Exists(pidFile))
        {
            await Task.Delay(20, timeout.Token).ConfigureAwait(false);
        }

        _running = false;
    }

    /// <summary><see cref="ShutDownByPidAsync"/>, then <see cref="StartAsync"/>: a PostgreSQL restart.</summary>
    public async Task RestartByPidAsync()
    {
        await ShutDownByPidAsync().ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString());
                await connection.OpenAsync().ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binaries, tool);
        return _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], _root)
            : RunAsync(path, arguments, _root);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string? logFolder = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new PostgreSqlUnavailableException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new PostgreSqlUnavailableException($"{fileName} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            var log = logFolder is not null && File.Exists(Path.Combine(logFolder, "server.log"))
                ? await File.ReadAllTextAsync(Path.Combine(logFolder, "server.log")).ConfigureAwait(false)
                : string.Empty;
            throw new PostgreSqlUnavailableException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}{log}");
        }
    }
}
