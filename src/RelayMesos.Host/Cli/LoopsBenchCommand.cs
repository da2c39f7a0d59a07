using System.CommandLine;
using RelayMesos.Host.Benchmarks;

namespace RelayMesos.Host.Cli;

/// <summary><c>relay-mesos bench loops</c>: the framework's cost per loop at N loops (see <see cref="LoopsBench"/>).</summary>
public static class LoopsBenchCommand
{
    public static Command Create(TextWriter output)
    {
        var loops = new Option<int[]>("--loops") { Description = "Loop counts to run, one after another.", DefaultValueFactory = _ => [10, 100, 1000], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<int>("--seconds") { Description = "Seconds measured per loop count, after the warm-up.", DefaultValueFactory = _ => 30 };
        var warmUp = new Option<int>("--warm-up") { Description = "Seconds from start-up before measuring (recovery, subscription, first steps).", DefaultValueFactory = _ => 15 };
        var delay = new Option<int>("--delay-ms") { Description = "Every loop's relay.controller.delay, in milliseconds.", DefaultValueFactory = _ => 1000 };
        var command = new Command("loops", "N loops in one run on cheap sources (the embedded cluster, a throwaway SQLite journal): step lateness, journal events per second, CPU and memory per loop.");
        foreach (var option in new Option[] { loops, seconds, warmUp, delay })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var counts = parse.GetValue(loops)!;
            if (counts.Any(n => n < 1) || parse.GetValue(seconds) < 1 || parse.GetValue(warmUp) < 0 || parse.GetValue(delay) < 10)
            {
                throw new ArgumentException("--loops must be at least 1, --seconds at least 1, --warm-up at least 0 and --delay-ms at least 10.");
            }

            await output.WriteLineAsync(LoopsBenchResult.Header);
            foreach (var count in counts)
            {
                var result = await LoopsBench.RunAsync(
                    count, TimeSpan.FromMilliseconds(parse.GetValue(delay)), TimeSpan.FromSeconds(parse.GetValue(seconds)), TimeSpan.FromSeconds(parse.GetValue(warmUp)), cancellationToken);
                await output.WriteLineAsync(result.Row());
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
