using Microsoft.Extensions.Logging.Abstractions;

namespace RelayMesos.Control.Sources.Tests;

public class CommandMetricSourceTests
{
    private static CommandMetricSource Source(string command, double seconds = 5) =>
        new(command, TimeSpan.FromSeconds(seconds), NullLogger.Instance);

    [Fact]
    public async Task Last_line_of_stdout_is_the_sample()
    {
        var sample = await Source("echo starting; echo 41.5").ReadAsync(CancellationToken.None);
        Assert.Equal(SampleResult.Success(41.5), sample);
    }

    [Fact]
    public async Task Garbage_is_a_failed_sample()
    {
        var sample = await Source("echo twelve").ReadAsync(CancellationToken.None);
        Assert.False(sample.Succeeded);
        Assert.Contains("twelve", sample.Failure);
    }

    [Fact]
    public async Task Non_zero_exit_is_a_failed_sample()
    {
        var sample = await Source("echo 3; echo broken >&2; exit 2").ReadAsync(CancellationToken.None);
        Assert.False(sample.Succeeded);
        Assert.Contains("code 2", sample.Failure);
        Assert.Contains("broken", sample.Failure);
    }

    [Fact]
    public async Task A_hanging_command_is_killed_with_its_children()
    {
        var pids = Path.Combine(Path.GetTempPath(), $"relay-hang-{Guid.NewGuid():N}");
        try
        {
            var sample = await Source($"echo $$ > {pids}; sleep 300 & echo $! >> {pids}; wait", 0.5)
                .ReadAsync(CancellationToken.None);

            Assert.False(sample.Succeeded);
            Assert.Contains("timed out", sample.Failure);
            foreach (var pid in File.ReadAllLines(pids).Select(int.Parse))
            {
                Assert.True(await Gone(pid), $"process {pid} survived the timeout");
            }
        }
        finally
        {
            File.Delete(pids);
        }
    }

    private static async Task<bool> Gone(int pid)
    {
        // The orphaned grandchild is reaped by init asynchronously; a zombie is already dead.
        for (var i = 0; i < 100; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                var text = await File.ReadAllTextAsync(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    [Fact]
    public async Task Commands_beyond_the_deployments_slots_wait_within_their_timeout_and_fail_saying_why()
    {
        var slots = new CommandSlots(1);
        var started = Path.Combine(Path.GetTempPath(), $"relay-slot-{Guid.NewGuid():N}");
        var release = started + ".go";
        try
        {
            // Holds the only slot until the test lets it go.
            var holder = new CommandMetricSource($"touch '{started}'; while [ ! -f '{release}' ]; do sleep 0.05; done; echo 1", TimeSpan.FromSeconds(60), NullLogger.Instance, slots)
                .ReadAsync(CancellationToken.None);
            while (!File.Exists(started))
            {
                await Task.Delay(20);
            }

            var impatient = await new CommandMetricSource("echo 2", TimeSpan.FromMilliseconds(300), NullLogger.Instance, slots).ReadAsync(CancellationToken.None);
            var patient = new CommandMetricSource("echo 3", TimeSpan.FromSeconds(60), NullLogger.Instance, slots).ReadAsync(CancellationToken.None);
            Assert.False(patient.IsCompleted);
            File.WriteAllText(release, "");

            Assert.False(impatient.Succeeded);
            Assert.StartsWith("not started: 1 metric command(s) were running for the whole 300 ms timeout", impatient.Failure);
            Assert.Equal(SampleResult.Success(1), await holder);
            Assert.Equal(SampleResult.Success(3), await patient);
        }
        finally
        {
            File.Delete(started);
            File.Delete(release);
        }
    }
}
