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
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is ConfigurationLoadException or ConfigurationValueException or HoconException)
        {
            await error.WriteLineAsync($"relay-mesos: configuration error: {ex.Message}");
            return ExitCodes.BadUsage;
        }
    }
}
