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
}
