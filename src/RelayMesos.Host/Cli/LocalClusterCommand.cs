using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;
using RelayMesos.Host.Logging;
using RelayMesos.Host.Running;
using RelayMesos.LocalCluster;

namespace RelayMesos.Host.Cli;

/// <summary><c>relay-mesos local-cluster</c>: the embedded Mesos-compatible master and agents on their own, for any framework.</summary>
public static class LocalClusterCommand
{
    public static Command Create(ConfigurationOptions configuration)
    {
        var agents = new Option<int?>("--agents") { Description = "Number of agents (relay.local-cluster.agents)." }.Within(1, 1000, "1 to 1000 agents");
        var cpus = new Option<double?>("--cpus") { Description = "CPUs per agent." }.Positive();
        var mem = new Option<double?>("--mem") { Description = "Memory per agent, in MB." }.Positive();
        var port = new Option<int?>("--port") { Description = "Master port on 127.0.0.1; 0 picks a free one (default 5050 here)." }.Within(0, 65535, "a port from 0 to 65535");
        var attributes = new Option<string?>("--agent-attributes")
        {
            Description = "Attributes per agent, agents separated by '|': \"rack:r1;zone:a|rack:r2;zone:a\"; {i} is the agent index, {i%N} it modulo N (\"rack:r{i%2}\").",
        };
        var command = new Command("local-cluster", "Run the embedded Mesos-compatible cluster (master + agents on 127.0.0.1) until interrupted.");
        foreach (var option in new Option[] { agents, cpus, mem, port, attributes })
        {
            command.Options.Add(option);
        }

        configuration.AddTo(command, withRelayAliases: false);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var config = new ConfigurationBuilder().AddHocon(RelayConfigurationLoader.Load(configuration.Layers(parse))).Build();
            var options = LocalClusterSettings.Bind(config) with { Port = 5050 };
            if (config.GetText("relay.local-cluster.port") is { } configured && configured != "0")
            {
                options = options with { Port = config.GetInt("relay.local-cluster.port") };
            }

            options = options with
            {
                Agents = parse.GetValue(agents) ?? options.Agents,
                Cpus = parse.GetValue(cpus) ?? options.Cpus,
                Mem = parse.GetValue(mem) ?? options.Mem,
                Port = parse.GetValue(port) ?? options.Port,
                Attributes = parse.GetValue(attributes) ?? options.Attributes,
            };
            using var loggers = RelayLogging.Create(config);
            await using var cluster = new LocalMesosCluster(options, loggers);
            await cluster.StartAsync(cancellationToken);
            loggers.CreateLogger("RelayMesos.Host").LogInformation(
                "Mesos-compatible master at {Master} with {Agents} agent(s) of {Cpus} cpus / {Mem} MB; state at {Master}master/state. Ctrl+C stops it and its tasks.",
                cluster.MasterUri, options.Agents, options.Cpus, options.Mem, cluster.MasterUri);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            await cluster.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }
}
