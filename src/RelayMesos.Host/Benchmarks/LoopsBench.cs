using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Actors;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;
using RelayMesos.Host.Running;

namespace RelayMesos.Host.Benchmarks;

/// <summary>
/// <c>relay-mesos bench loops</c>: N loops in one <c>run</c> (in process, on the embedded cluster and a throwaway SQLite
/// journal) on cheap sources: metric and target the same sine wave, so every loop steps and journals each delay and
/// launches nothing. What it measures is the framework's own cost per loop: how late steps come, journal events per
/// second, CPU and memory. One member; spreading loops over members (issue 27's sharding) is not built yet.
/// </summary>
public static class LoopsBench
{
    public static async Task<LoopsBenchResult> RunAsync(int loops, TimeSpan delay, TimeSpan duration, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("relay-mesos-bench-loops-").FullName;
        try
        {
            var hocon = Configuration(loops, delay, directory);
            using var host = RelayHost.Build(hocon, new RelayHostOptions(), logging => logging.SetMinimumLevel(LogLevel.Warning));
            await RelayHost.StartAsync(host, cancellationToken).ConfigureAwait(false);
            var steps = new ConcurrentQueue<(string Loop, DateTimeOffset At, DateTimeOffset Decided)>();
            var system = host.Services.GetRequiredService<ActorSystem>();
            var recorder = system.ActorOf(Props.Create(() => new StepRecorder(steps)), "bench-step-recorder");
            system.EventStream.Subscribe(recorder, typeof(DecisionMade));

            await Task.Delay(warmUp, cancellationToken).ConfigureAwait(false);
            steps.Clear();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            var heapMb = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
            var workingSetMb = process.WorkingSet64 / 1048576.0;
            var recorded = steps.ToArray();
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);

            // A step is late by the time from its sample to its decision (journaled, then published): a controller that falls
            // behind still steps on samples a delay apart, so the intervals between its samples would hide it.
            var lateness = recorded.Select(s => (s.Decided - s.At).TotalMilliseconds).Order().ToList();
            return new LoopsBenchResult(
                loops, delay, seconds, recorded.Length, lateness, recorded.Select(s => s.Loop).Distinct().Count(),
                cpuMs / loops / seconds, heapMb, workingSetMb);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // The embedded cluster's sandboxes may still be closing; the temporary directory is left to the OS.
            }
        }
    }

    private static HoconConfig Configuration(int loops, TimeSpan delay, string directory)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $$"""
            relay {
              metric { type = wave, shape = sine, amplitude = 3, period = 60s, offset = 4 }
              target { type = wave, shape = sine, amplitude = 3, period = 60s, offset = 4 }
              warmer = "sleep 1"
              controller.delay = {{delay.TotalMilliseconds}}ms
              mesos.master = local
              local-cluster.work-dir = "{{Path.Combine(directory, "cluster").Replace("\\", "/", StringComparison.Ordinal)}}"
              persistence { provider = sqlite, sqlite.path = "{{Path.Combine(directory, "relay.db").Replace("\\", "/", StringComparison.Ordinal)}}" }
              web.enabled = false
              loops {
            """);
        for (var i = 0; i < loops; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    l{i:D5} {{}}");
        }

        text.AppendLine("  }\n}");
        return HoconConfig.ParseString(text.ToString(), "bench-loops")
            .WithFallback(HoconConfig.ParseString(RelayConfigurationLoader.ReferenceText(), RelayConfigurationLoader.ReferenceName))
            .Resolve(new Dictionary<string, string?>());
    }

    private sealed class StepRecorder : ReceiveActor
    {
        public StepRecorder(ConcurrentQueue<(string Loop, DateTimeOffset At, DateTimeOffset Decided)> steps) =>
            Receive<DecisionMade>(d => steps.Enqueue((d.Loop, d.Input.At, DateTimeOffset.UtcNow)));
    }
}
