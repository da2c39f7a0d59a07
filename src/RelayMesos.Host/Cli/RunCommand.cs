using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RelayMesos.Host.Logging;
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

            var hocon = RelayConfigurationLoader.Load(layers);
            var config = new ConfigurationBuilder().AddHocon(hocon).Build();
            RelaySettingsCheck.Check(config);
            using var loggers = RelayLogging.Create(config);
            var logger = loggers.CreateLogger("RelayMesos.Host");
            var web = WebSettings.From(config);
            WebPortCheck.EnsureFree(web);
            var token = web.Enabled ? OperatorToken.Load(web.TokenFile) : null;
            await using var runtime = await RelayRuntime.StartAsync(hocon, loggers, cancellationToken);
            await using var server = web.Enabled ? await RelayWebServer.StartAsync(web, token, runtime, cancellationToken) : null;
            var signalled = new TaskCompletionSource();
            await using var registration = cancellationToken.Register(() => signalled.TrySetResult());
            var ended = await Task.WhenAny(runtime.StopRequested, signalled.Task);
            var exitCode = ExitCodes.Ok;
            if (ended == runtime.StopRequested)
            {
                var stop = await runtime.StopRequested;
                exitCode = stop.ExitCode;
                logger.LogWarning("Stopping with exit code {ExitCode}: {Reason}", stop.ExitCode, stop.Reason);
            }
            else
            {
                logger.LogInformation("Signal received; shutting down{Teardown}.", parse.GetValue(teardown) ? " and tearing the framework down" : " (the framework stays registered in Mesos)");
            }

            if (server is not null)
            {
                await server.DisposeAsync();
            }

            await runtime.StopAsync(parse.GetValue(teardown));
            return exitCode;
        });
        return run;
    }
}
