using System.CommandLine;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Cli;

/// <summary>The <c>relay-mesos</c> command line: one place that turns failures into exit codes and one-line messages.</summary>
public static class RelayMesosCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "relay-mesos: a thermostat for distributed systems. Polls a metric and a target and launches "
            + "warmer or cooler bash commands as Apache Mesos tasks until the metric follows the target.");
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(RunCommand.Create(globals));
        root.Subcommands.Add(LocalClusterCommand.Create(globals));
        root.Subcommands.Add(SimulateCommand.Create(globals, output));
        root.Subcommands.Add(SimulateCommand.CreateBench(globals, output));
        root.Subcommands.Add(ConfigCommand.Create(globals, output));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"relay-mesos: {parseError.Message}");
            }

            await error.WriteLineAsync("Try 'relay-mesos --help'.");
            return ExitCodes.BadUsage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                // SIGTERM cancels the command's token; give a clean shutdown time before the runtime forces exit.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            });
        }
        catch (Exception ex) when (ex is ConfigurationLoadException or ConfigurationValueException or HoconException)
        {
            await error.WriteLineAsync($"relay-mesos: configuration error: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The user gets the reason in one line; the type says where to look, the trace stays out of the way.
            await error.WriteLineAsync($"relay-mesos: {ex.Message} ({ex.GetType().Name})");
            return ExitCodes.RuntimeFailure;
        }
    }
}
