using System.CommandLine;
using System.Text.RegularExpressions;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Cli;

/// <summary>The <c>relay-mesos</c> command line: one place that turns failures into exit codes and one-line messages.</summary>
public static partial class RelayMesosCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var configuration = new ConfigurationOptions();
        var root = new RootCommand(
            "relay-mesos: a thermostat for distributed systems. Polls a metric and a target and launches "
            + "warmer or cooler bash commands as Apache Mesos tasks until the metric follows the target.");
        root.Subcommands.Add(RunCommand.Create(configuration));
        root.Subcommands.Add(LocalClusterCommand.Create(configuration));
        root.Subcommands.Add(SimulateCommand.Create(configuration, output));
        root.Subcommands.Add(SimulateCommand.CreateBench(configuration, output));
        root.Subcommands.Add(ConfigCommand.Create(configuration, output, error));
        root.Subcommands.Add(LoopsCommand.Create(output, error));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, whatever went wrong: scripts and people read the first line of stderr.
            var messages = string.Join("; ", parsed.Errors.Select(e => Readable(e.Message)).Distinct());
            await error.WriteLineAsync($"relay-mesos: {messages}. See '{CommandPath(parsed.CommandResult.Command)} --help'.");
            return ExitCodes.BadUsage;
        }

        try
        {
            using var signals = new StopSignals();
            return await parsed.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = output,
                    Error = error,
                    EnableDefaultExceptionHandler = false,
                    // Signals are ours (StopSignals): the command stops in order and decides its exit code.
                    ProcessTerminationTimeout = null,
                },
                signals.Token);
        }
        catch (Exception ex) when (ex is ConfigurationLoadException or ConfigurationValueException or HoconException)
        {
            await error.WriteLineAsync($"relay-mesos: configuration error: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (WebPortInUseException ex)
        {
            // The message names the settings to change; the type and trace would only hide it.
            await error.WriteLineAsync($"relay-mesos: {ex.Message}");
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The user gets the reason in one line; the type says where to look, the trace stays out of the way.
            await error.WriteLineAsync($"relay-mesos: {ex.Message} ({ex.GetType().Name})");
            return ExitCodes.RuntimeFailure;
        }
    }

    private static string CommandPath(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent && parent is not RootCommand
            ? $"{CommandPath(parent)} {command.Name}"
            : command is RootCommand ? "relay-mesos" : $"relay-mesos {command.Name}";

    /// <summary>The parser names CLR types ("System.Nullable`1[System.Int32]"); a user wants to know what to type.</summary>
    private static string Readable(string message) =>
        ClrTypeName().Replace(message.TrimEnd('.'), m => m.Groups["type"].Value switch
        {
            "Int32" or "Int64" => "as a whole number",
            "Double" => "as a number",
            "Boolean" => "as true or false",
            _ => "as a " + m.Groups["type"].Value.ToLowerInvariant(),
        });

    [GeneratedRegex(@"as expected type '(System\.Nullable`1\[)?System\.(?<type>\w+)(\])?'")]
    private static partial Regex ClrTypeName();
}
