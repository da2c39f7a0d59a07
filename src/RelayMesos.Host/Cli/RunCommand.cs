using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;
using RelayMesos.Host.Running;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Cli;

/// <summary><c>relay-mesos run</c>: the framework, until a signal, a stop condition or max-failures ends it.</summary>
public static class RunCommand
{
    public static Command Create(ConfigurationOptions configuration)
    {
        var teardown = new Option<bool>("--teardown")
        {
            Description = "On exit, tear the framework down in Mesos (its tasks are killed). By default it stays registered so a restart resumes.",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Decide and log, but neither launch nor kill tasks (same as --set relay.dry-run=true).",
        };
        var run = new Command(
            "run",
            "Run the framework. With no configuration it runs a demo: an embedded Mesos cluster, workers as bash tasks, "
            + "a metric counting running workers and a sine-wave target to follow.");
        configuration.AddTo(run, withRelayAliases: true);
        run.Options.Add(teardown);
        run.Options.Add(dryRun);
        run.SetAction(async (parse, cancellationToken) =>
        {
            var layers = configuration.Layers(parse);
            if (parse.GetValue(dryRun))
            {
                layers = layers with { Overrides = [.. layers.Overrides, new("relay.dry-run", "true")] };
            }

            // One loop's keys stand where relay's were; several loops are each checked as the host will bind them.
            var written = RelayConfigurationLoader.Load(layers);
            var hocon = RelayLoops.ForRun(written, parse.GetValue(dryRun));

            var config = new ConfigurationBuilder().AddHocon(hocon).Build();
            RelaySettingsCheck.Check(hocon);
            var web = WebSettings.From(config);
            WebPortCheck.EnsureFree(web);
            var options = new RelayHostOptions(web.Enabled ? OperatorToken.Load(web.TokenFile) : null, parse.GetValue(teardown), written, parse.GetValue(dryRun));
            using var host = RelayHost.Build(hocon, options);
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RelayMesos.Host");
            var run = host.Services.GetRequiredService<RunControl>();
            try
            {
                await RelayHost.StartAsync(host, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // A signal during start-up is a stop like any other: what started stops in order, and the exit is clean.
                logger.LogInformation("Signal received while starting; shutting down.");
                await StopAsync(host);
                return ExitCodes.Ok;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var registration = cancellationToken.Register(() => signal.TrySetResult());
            var ended = await Task.WhenAny(run.Stopped, signal.Task);
            var exitCode = ExitCodes.Ok;
            if (ended == run.Stopped)
            {
                var stop = await run.Stopped;
                exitCode = stop.ExitCode;
                logger.Log(run.StopLineLevel, "Stopping with exit code {ExitCode}: {Reason}", stop.ExitCode, stop.Reason);
            }
            else
            {
                logger.LogInformation("Signal received; shutting down{Teardown}.", options.Teardown ? " and tearing the framework down" : " (the framework stays registered in Mesos)");
            }

            await StopAsync(host);
            return exitCode;
        });
        return run;
    }

    /// <summary>Stops the host's services in reverse order of start; whatever has not stopped in time is abandoned with the process.</summary>
    private static async Task StopAsync(IHost host)
    {
        using var patience = new CancellationTokenSource(ShutdownPatience);
        await host.StopAsync(patience.Token);
    }

    private static readonly TimeSpan ShutdownPatience = TimeSpan.FromSeconds(20);
}
