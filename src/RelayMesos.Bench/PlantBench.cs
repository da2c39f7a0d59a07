using System.Diagnostics;
using System.Globalization;
using RelayMesos.Control.Simulation;

namespace RelayMesos.Bench;

/// <summary>One run of <c>relay-mesos bench plant</c>: a queue server, a <c>relay-mesos run</c> child, its consumers.</summary>
/// <param name="relayMesos">How to start the relay-mesos executable (arguments follow): the bench lives outside it.</param>
/// <param name="language">What the consumer is written in (the same loop in bash or Python).</param>
public sealed class PlantBench(Func<ProcessStartInfo> relayMesos, ConsumerShape consumer, ConsumerLanguage language, string delay, int seconds, string[] overrides, TextWriter output)
{
    /// <summary>A consumer: register, start up, take items one at a time, leave after idling. Plain bash, no curl.</summary>
    private const string BashConsumer = """
        #!/bin/bash
        # relay-mesos bench plant's consumer: PORT STARTUP SERVICE IDLE_TICKS (a tick is 0.1 s; below 0: never leave)
        port=$1; startup=$2; service=$3; idle_ticks=$4
        req() {
          exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return
          printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
          local line body=
          while IFS= read -r line <&3 || [ -n "$line" ]; do body=$line; done
          exec 3<&-
          printf '%s' "$body"
        }
        id=$(req /hello)
        trap 'req "/bye?id=$id" >/dev/null; exit 0' TERM INT
        sleep "$startup"
        idle=0
        while [ "$idle_ticks" -lt 0 ] || [ "$idle" -lt "$idle_ticks" ]; do
          if [ "$(req "/take?id=$id")" = 1 ]; then sleep "$service"; idle=0; else sleep 0.1; idle=$((idle + 1)); fi
        done
        req "/bye?id=$id" >/dev/null
        """;

    /// <summary>The same consumer in Python (standard library only): the interpreter's start-up comes before its hello.</summary>
    private const string PythonConsumer = """
        # relay-mesos bench plant's consumer: PORT STARTUP SERVICE IDLE_TICKS (a tick is 0.1 s; below 0: never leave)
        import signal, socket, sys, time
        port, startup, service, idle_ticks = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
        def req(path):
            try:
                with socket.create_connection(("127.0.0.1", port)) as s:
                    s.sendall(("GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" % path).encode())
                    data = b""
                    while True:
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                return data.decode().split("\r\n\r\n", 1)[-1]
            except OSError:
                return ""
        id = req("/hello")
        def bye(*_):
            req("/bye?id=" + id)
            sys.exit(0)
        signal.signal(signal.SIGTERM, bye)
        signal.signal(signal.SIGINT, bye)
        time.sleep(startup)
        idle = 0
        while idle_ticks < 0 or idle < idle_ticks:
            if req("/take?id=" + id) == "1":
                time.sleep(service)
                idle = 0
            else:
                time.sleep(0.1)
                idle += 1
        bye()
        """;

    /// <summary>The consumer as <c>startup/service/idle-exit</c> with its language, as the bench's CSV and tables name it.</summary>
    public string ConsumerLabel => Label(language, consumer);

    public static string Label(ConsumerLanguage language, ConsumerShape shape) => $"{language.ToString().ToLowerInvariant()} {shape.Label}";

    public async Task<PlantBenchRun> RunAsync(string profile, string algorithm, int round, int seed, CancellationToken cancellationToken)
    {
        var arrivals = ArrivalProfile.Get(profile).Arrivals(seed, seconds);
        var dir = Directory.CreateTempSubdirectory("relay-mesos-bench-plant-").FullName;
        await using var server = new QueuePlantServer(arrivals, seconds);
        server.Start();
        var (script, interpreter, text) = language == ConsumerLanguage.Python
            ? (Path.Combine(dir, "consumer.py"), "python3", PythonConsumer)
            : (Path.Combine(dir, "consumer.sh"), "bash", BashConsumer);
        await File.WriteAllTextAsync(script, text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", cancellationToken);
        var idleTicks = consumer.Lingers ? -1 : (int)Math.Round(consumer.IdleExit * 10);
        var c = CultureInfo.InvariantCulture;
        var config = Path.Combine(dir, "plant.hocon");
        await File.WriteAllTextAsync(config, string.Create(c, $$"""
            relay {
              metric { type = http, url = "http://127.0.0.1:{{server.Port}}/depth", timeout = 2s }
              target = 0
              warmer = ""
              cooler = "{{interpreter}} {{script}} {{server.Port}} {{consumer.Startup}} {{consumer.Service}} {{idleTicks}}"
              controller { algorithm = {{algorithm}}, delay = {{delay}}, effect-delay = {{consumer.Startup}}s }
              web.port = 0
              # One instance and nobody to take over: a lease that a loaded machine lets lapse would only stop
              # the controller and kill consumers mid-run (seen in half the runs at the default 5 s).
              leader-election { lease-ttl = 120s, renew-interval = 2s }
              persistence.sqlite.path = "{{Path.Combine(dir, "relay-mesos.db")}}"
            }
            """), cancellationToken);

        var load = Load();
        using var child = Start(dir, config);
        var log = Path.Combine(dir, "run.log");
        var copying = CopyOutput(child, log, server.Arm);
        try
        {
            var started = await Task.WhenAny(server.Started, child.WaitForExitAsync(cancellationToken), Task.Delay(TimeSpan.FromMinutes(2), cancellationToken));
            if (started != server.Started)
            {
                throw new InvalidOperationException($"relay-mesos run never sampled the queue (log: {log}).");
            }

            await Task.WhenAny(server.Finished, child.WaitForExitAsync(cancellationToken));
            if (!server.Finished.IsCompleted)
            {
                throw new InvalidOperationException($"relay-mesos run ended before the run did (exit {child.ExitCode}; log: {log}).");
            }
        }
        finally
        {
            await StopAsync(child);
            await copying;
        }

        var figures = server.Figures();
        await WriteLivesAsync(Path.Combine(dir, "consumers.csv"), server.Lives());
        await File.WriteAllLinesAsync(
            Path.Combine(dir, "queue.csv"),
            ["at,depth,alive", .. server.Samples().Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.At:F2},{q.Depth},{q.Alive}"))],
            CancellationToken.None);
        return new PlantBenchRun(profile, algorithm, round, seed, figures, load, log, seconds) { Consumer = ConsumerLabel };
    }

    private Process Start(string dir, string config)
    {
        var info = relayMesos();
        info.WorkingDirectory = dir;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        foreach (var arg in new[] { "run", "--config", config })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var set in overrides)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(set);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("relay-mesos run did not start.");
    }

    /// <summary>Copies the child's output to the log line by line and arms the queue once the framework has subscribed.</summary>
    private static async Task CopyOutput(Process child, string log, Action subscribed)
    {
        await using var file = new StreamWriter(log) { AutoFlush = true };
        using var gate = new SemaphoreSlim(1, 1);
        async Task Copy(StreamReader from)
        {
            while (await from.ReadLineAsync() is { } line)
            {
                if (line.Contains(SubscribedLine, StringComparison.Ordinal))
                {
                    subscribed();
                }

                await gate.WaitAsync();
                try
                {
                    await file.WriteLineAsync(line);
                }
                finally
                {
                    gate.Release();
                }
            }
        }

        await Task.WhenAll(Copy(child.StandardOutput), Copy(child.StandardError));
    }

    /// <summary>What the framework logs once it may launch (MesosGateway).</summary>
    private const string SubscribedLine = "Subscribed to Mesos at";

    private static async Task WriteLivesAsync(string path, IReadOnlyList<ConsumerLife> lives)
    {
        var c = CultureInfo.InvariantCulture;
        await using var file = new StreamWriter(path);
        await file.WriteLineAsync("id,hello,first_item,last_item,items,bye");
        foreach (var l in lives.OrderBy(l => l.Hello))
        {
            await file.WriteLineAsync(string.Create(c, $"{l.Id},{l.Hello:F3},{l.FirstItem:F3},{l.LastItem:F3},{l.Items},{l.Bye:F3}"));
        }
    }

    /// <summary>SIGTERM first (a clean shutdown ends the embedded cluster's tasks), the whole tree if that hangs.</summary>
    private async Task StopAsync(Process child)
    {
        if (child.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", child.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await child.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync($"relay-mesos run (pid {child.Id}) ignored SIGTERM for 60 s; killing it.");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    /// <summary>The 1-minute load average when the run starts (the machine is shared; figures are read beside it).</summary>
    private static double Load()
    {
        var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : "0";
        return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
