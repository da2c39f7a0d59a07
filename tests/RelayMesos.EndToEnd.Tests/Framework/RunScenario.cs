using System.Globalization;
using System.Text.RegularExpressions;
using RelayMesos.EndToEnd.Tests.Targets;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.EndToEnd.Tests.Framework;

/// <summary>A temporary directory with a config file, and `relay-mesos run` started on it.</summary>
internal sealed partial class RunScenario : IAsyncDisposable
{
    // Everything a test does not choose: fast loop, embedded cluster with quick offers, no database, no web.
    private const string Base = """
        relay.controller.delay = 250ms
        relay.persistence.provider = memory
        relay.web.enabled = false
        relay.local-cluster { allocation-interval = 100ms, agents = 2, heartbeat-interval = 2s, status-retry-interval = 1s }
        relay.mesos { refuse = 1s, backoff-min = 100ms, backoff-max = 1s }
        """;

    private RunScenario(string directory, RelayMesosProcess process)
    {
        Directory = directory;
        Process = process;
    }

    public string Directory { get; }

    public RelayMesosProcess Process { get; }

    public static RunScenario Start(string hocon, params string[] extraArgs)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("relay-e2e-").FullName;
        var config = Path.Combine(directory, "test.hocon");
        File.WriteAllText(config, Base + "\n" + hocon.Replace("$DIR", directory, StringComparison.Ordinal));
        var process = RelayMesosProcess.Start(["run", "--config", config, .. extraArgs], workingDirectory: directory);
        return new RunScenario(directory, process);
    }

    /// <summary>
    /// `relay-mesos run` against a master that outlives it, as framework <paramref name="framework"/>. Mesos forgets
    /// the framework (and kills its tasks) as soon as the process goes, unless the test's own HOCON sets a
    /// failover timeout: tests share one master.
    /// </summary>
    public static RunScenario Start(MesosTarget target, string framework, string hocon, params string[] extraArgs) =>
        Start($$"""
            relay.mesos.master = "{{target.Master}}"
            relay.mesos.framework { name = "{{framework}}", failover-timeout = 0s }
            {{hocon}}
            """, extraArgs);

    /// <summary>The decisions logged so far, in order.</summary>
    public IReadOnlyList<Step> Steps() =>
        Process.Lines.Select(l => StepLine().Match(l)).Where(m => m.Success).Select(m => new Step(
            long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["pv"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["sp"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["mv"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["running"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["launches"].Value, CultureInfo.InvariantCulture))).ToList();

    public Task WaitForStepAsync(int step, TimeSpan timeout) => Process.WaitForLineAsync($@"step {step}: ", timeout);

    /// <summary>Waits until this process has logged <paramref name="count"/> decisions, whatever numbers a recovered history gives them.</summary>
    public Task WaitForStepsAsync(int count, TimeSpan timeout) => Process.WaitForLineAsync(@"step \d+: ", timeout, occurrence: count);

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public sealed record Step(long N, double Pv, double Sp, int Mv, int Running, int Launches)
    {
        public double AbsError => Math.Abs(Sp - Pv);
    }

    [GeneratedRegex(@"step (?<n>\d+): PV=(?<pv>[-\d.]+) SP=(?<sp>[-\d.]+) err=[-\d.]+ MV=(?<mv>-?\d+) running=(?<running>\d+) in-flight=\d+ launches=(?<launches>\d+)")]
    private static partial Regex StepLine();
}
