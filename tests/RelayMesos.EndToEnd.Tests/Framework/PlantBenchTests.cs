using System.Globalization;
using System.Text.RegularExpressions;
using RelayMesos.TestKit.Processes;

namespace RelayMesos.EndToEnd.Tests.Framework;

/// <summary>
/// <c>relay-mesos bench plant</c> end to end: a real queue on loopback, <c>relay-mesos run</c> as a child on the embedded
/// cluster, bash consumers as its tasks; then the same table again from the CSV it wrote.
/// </summary>
public partial class PlantBenchTests
{
    [Fact]
    public async Task A_short_round_drains_the_queue_with_real_consumers_and_its_csv_gives_the_same_table()
    {
        var directory = Directory.CreateTempSubdirectory("relay-e2e-bench-").FullName;
        var csv = Path.Combine(directory, "runs.csv");
        await using var bench = RelayMesosProcess.Start(
            ["bench", "plant", "--profiles", "on-off", "--rounds", "1", "--seconds", "8", "--out", csv], workingDirectory: directory);
        var runDirectories = new List<string>();
        try
        {
            Assert.True(await bench.WaitForExitAsync(TimeSpan.FromMinutes(4)) == 0, bench.Tail());
            runDirectories.AddRange(bench.Lines.Select(l => RunLog().Match(l)).Where(m => m.Success).Select(m => Path.GetDirectoryName(m.Groups["log"].Value)!));

            // One run per algorithm; on-off's first 8 s are all "on" (12 items a second), so consumers must have served.
            var rows = File.ReadAllLines(csv);
            Assert.Equal("profile,algorithm,round,seed,iae,launches,worker_seconds,peak,served,left,load,seconds,consumer", rows[0]);
            Assert.Equal(3, rows.Length);
            foreach (var row in rows.Skip(1).Select(r => r.Split(',')))
            {
                var (iae, launches, served, seconds) = (double.Parse(row[4], CultureInfo.InvariantCulture), int.Parse(row[5], CultureInfo.InvariantCulture), int.Parse(row[8], CultureInfo.InvariantCulture), row[11]);
                Assert.True(launches > 0 && served > 40 && iae > 0, string.Join(',', row));
                Assert.Equal("8", seconds);
                Assert.Equal("bash 1/0.25/1", row[12]);
            }

            // Every run leaves its log, the consumers' lives and the queue's trace beside each other.
            Assert.Equal(2, runDirectories.Count);
            Assert.All(runDirectories, d =>
            {
                Assert.True(File.ReadAllLines(Path.Combine(d, "queue.csv")).Length > 60, $"{d}: queue.csv is short");
                Assert.True(File.ReadAllLines(Path.Combine(d, "consumers.csv")).Length > 1, $"{d}: no consumer said hello");
            });

            var table = bench.Output[bench.Output.IndexOf("| profile |", StringComparison.Ordinal)..];
            Assert.Contains("| on-off | relay | ", table);
            Assert.Contains("IAE / relay-classic", table);
            Assert.Contains("| on-off | oracle (model) |", table);

            // The table again from the file, without the run length on the command line: the file carries it, so the
            // oracle (a model run as long as the runs were) comes out the same, not one of the default 80 s.
            var again = await RelayMesosProcess.RunAsync(["bench", "plant", "--table-from", csv], timeout: TimeSpan.FromMinutes(1));
            Assert.Equal(0, again.ExitCode);
            Assert.Equal(Rows(table, "oracle"), Rows(again.Output, "oracle"));
            Assert.Equal(Rows(table, "| on-off |").Count, Rows(again.Output, "| on-off |").Count);
        }
        finally
        {
            foreach (var d in runDirectories.Append(directory))
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Python_consumers_that_never_leave_serve_the_queue_and_are_ended_with_the_run()
    {
        var directory = Directory.CreateTempSubdirectory("relay-e2e-bench-").FullName;
        var csv = Path.Combine(directory, "runs.csv");
        await using var bench = RelayMesosProcess.Start(
            ["bench", "plant", "--profiles", "on-off", "--algorithms", "relay", "--rounds", "1", "--seconds", "8", "--consumer", "python", "--idle-exit", "never", "--out", csv],
            workingDirectory: directory);
        var runDirectory = "";
        try
        {
            Assert.True(await bench.WaitForExitAsync(TimeSpan.FromMinutes(4)) == 0, bench.Tail());
            runDirectory = Path.GetDirectoryName(bench.Lines.Select(l => RunLog().Match(l)).Single(m => m.Success).Groups["log"].Value)!;
            var row = File.ReadAllLines(csv)[1].Split(',');
            Assert.True(int.Parse(row[8], CultureInfo.InvariantCulture) > 40, string.Join(',', row));
            Assert.Equal("python 1/0.25/never", row[12]);
            Assert.Contains("consumer: python 1/0.25/never", bench.Output, StringComparison.Ordinal);

            // The consumers said hello from Python, and none left on its own during the run (on-off's first 8 s never
            // leave the queue empty for long, but a consumer leaving after 1 s idle would have said bye by then).
            var lives = File.ReadAllLines(Path.Combine(runDirectory, "consumers.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.NotEmpty(lives);
            Assert.All(lives, l => Assert.True(l[5].Length == 0 || double.Parse(l[5], CultureInfo.InvariantCulture) >= 8, $"consumer {l[0]} left at {l[5]} s"));
            Assert.True(File.Exists(Path.Combine(runDirectory, "consumer.py")));

            // The run's end took them with it: no consumer of this run is still alive.
            using var pgrep = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pgrep", ["-f", Path.Combine(runDirectory, "consumer.py")]) { RedirectStandardOutput = true })!;
            var alive = await pgrep.StandardOutput.ReadToEndAsync();
            await pgrep.WaitForExitAsync();
            Assert.True(alive.Trim().Length == 0, $"consumers still running: {alive}");
        }
        finally
        {
            foreach (var d in new[] { runDirectory, directory }.Where(d => d.Length > 0))
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }

    /// <summary>The table rows that contain <paramref name="text"/>.</summary>
    private static List<string> Rows(string output, string text) =>
        [.. output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal)).Select(l => l.TrimEnd())];

    [GeneratedRegex(@"\((?:load [\d.]+; )(?<log>/\S+/run\.log)\)")]
    private static partial Regex RunLog();
}
