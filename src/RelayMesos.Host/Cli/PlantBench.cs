using System.Diagnostics;
using System.Globalization;
using RelayMesos.Control.Simulation;

namespace RelayMesos.Host.Cli;

/// <summary>One run of <c>relay-mesos bench plant</c>: a queue server, a <c>relay-mesos run</c> child, its consumers.</summary>
internal sealed class PlantBench(ConsumerShape consumer, string delay, int seconds, string[] overrides, TextWriter output)
{
    /// <summary>A consumer: register, start up, take items one at a time, leave after idling. Plain bash, no curl.</summary>
    private const string ConsumerScript = """
        #!/bin/bash
        # relay-mesos bench plant's consumer: PORT STARTUP SERVICE IDLE_TICKS (a tick is 0.1 s)
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
        while [ "$idle" -lt "$idle_ticks" ]; do
          if [ "$(req /take)" = 1 ]; then sleep "$service"; idle=0; else sleep 0.1; idle=$((idle + 1)); fi
        done
        req "/bye?id=$id" >/dev/null
        """;

    public async Task<PlantBenchRun> RunAsync(string profile, string algorithm, int round, int seed, CancellationToken cancellationToken)
    {
        var arrivals = ArrivalProfile.Get(profile).Arrivals(seed, seconds);
        var dir = Directory.CreateTempSubdirectory("relay-mesos-bench-plant-").FullName;
        await using var server = new QueuePlantServer(arrivals, seconds);
        server.Start();
        var script = Path.Combine(dir, "consumer.sh");
        await File.WriteAllTextAsync(script, ConsumerScript.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", cancellationToken);
        var c = CultureInfo.InvariantCulture;
        var config = Path.Combine(dir, "plant.hocon");
        await File.WriteAllTextAsync(config, string.Create(c, $$"""
            relay {
              metric { type = http, url = "http://127.0.0.1:{{server.Port}}/depth", timeout = 2s }
              target = 0
              warmer = ""
              cooler = "bash {{script}} {{server.Port}} {{consumer.Startup}} {{consumer.Service}} {{(int)Math.Round(consumer.IdleExit * 10)}}"
              controller { algorithm = {{algorithm}}, delay = {{delay}}, effect-delay = {{consumer.Startup}}s }
              web.port = 0
              persistence.sqlite.path = "{{Path.Combine(dir, "relay-mesos.db")}}"
            }
            """), cancellationToken);

        var load = Load();
        using var child = Start(dir, config);
        var log = Path.Combine(dir, "run.log");
        var copying = CopyOutput(child, log);
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
        return new PlantBenchRun(profile, algorithm, round, seed, figures, load, log);
    }

    private Process Start(string dir, string config)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of relay-mesos itself is unknown.");
        var info = new ProcessStartInfo(self)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Not Assembly.Location: it is empty in the single-file build (and the single-file analyzer rejects it).
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(PlantBench).Assembly.GetName().Name + ".dll"));
        }

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

    private static async Task CopyOutput(Process child, string log)
    {
        await using var file = new StreamWriter(log);
        await Task.WhenAll(child.StandardOutput.BaseStream.CopyToAsync(file.BaseStream), child.StandardError.BaseStream.CopyToAsync(file.BaseStream));
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
