using System.Globalization;
using RelayMesos.Mesos.V1;

namespace RelayMesos.LocalCluster.Processes;

/// <summary>
/// Turns a TaskInfo into an argv and environment the way Mesos' command executor does: shell commands run
/// under bash -c, non-shell commands exec value with arguments, and the Mesos variables describe the sandbox,
/// the agent and the allocated ports.
/// </summary>
public static class TaskCommandBuilder
{
    /// <summary>The path Mesos mounts the sandbox at inside Docker containers.</summary>
    public const string DockerSandboxPath = "/mnt/mesos/sandbox";

    /// <param name="dockerBinary">Docker CLI to use for DOCKER containers, or null when there is none.</param>
    /// <param name="error">Why the task cannot run here; the plan is null then.</param>
    public static TaskLaunchPlan? Build(
        TaskInfo task, string sandbox, string agentHostname, string agentEndpoint, IReadOnlyList<ulong> ports,
        string? dockerBinary, out string? error)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(ports);
        error = null;
        var command = task.Command;
        if (command is null)
        {
            error = "Task has no CommandInfo";
            return null;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (command.Environment is not null)
        {
            foreach (var variable in command.Environment.Variables)
            {
                if (variable.Type == RelayMesos.Mesos.V1.Environment.Types.Variable.Types.Type.Secret)
                {
                    error = $"Environment variable '{variable.Name}' is a secret; this cluster has no secret resolver";
                    return null;
                }

                environment[variable.Name] = variable.Value;
            }
        }

        var docker = task.Container is { Type: ContainerInfo.Types.Type.Docker };
        environment["MESOS_TASK_ID"] = task.TaskId.Value;
        environment["MESOS_SANDBOX"] = docker ? DockerSandboxPath : sandbox;
        environment["MESOS_AGENT_ENDPOINT"] = agentEndpoint;
        environment["HOST"] = agentHostname;
        environment["PORTS"] = string.Join(",", ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < ports.Count; i++)
        {
            environment[$"PORT{i}"] = ports[i].ToString(CultureInfo.InvariantCulture);
        }

        if (ports.Count > 0)
        {
            environment["PORT"] = ports[0].ToString(CultureInfo.InvariantCulture);
        }

        IReadOnlyList<string> commandArgv;
        if (!command.HasShell || command.Shell)
        {
            if (string.IsNullOrWhiteSpace(command.Value))
            {
                error = "Shell command of task is empty";
                return null;
            }

            commandArgv = ["/bin/bash", "-c", command.Value];
        }
        else
        {
            if (string.IsNullOrEmpty(command.Value))
            {
                error = "Command value of task is empty";
                return null;
            }

            // Like execvp: the arguments list carries argv[0] itself when present.
            commandArgv = command.Arguments.Count > 0 ? [command.Value, .. command.Arguments.Skip(1)] : [command.Value];
        }

        if (!docker)
        {
            return new TaskLaunchPlan(commandArgv, environment, sandbox);
        }

        if (string.IsNullOrEmpty(dockerBinary) || !File.Exists(dockerBinary))
        {
            error = "Failed to launch container: the local cluster has no docker binary configured"
                + (string.IsNullOrEmpty(dockerBinary) ? string.Empty : $" ('{dockerBinary}' does not exist)");
            return null;
        }

        return new TaskLaunchPlan(DockerArgv(task, dockerBinary, sandbox, environment, commandArgv), environment, sandbox);
    }

    private static List<string> DockerArgv(
        TaskInfo task, string dockerBinary, string sandbox, Dictionary<string, string> environment, IReadOnlyList<string> commandArgv)
    {
        var info = task.Container.Docker;
        var argv = new List<string> { dockerBinary, "run", "--rm", "--name", "mesos-" + task.TaskId.Value, "-v", $"{sandbox}:{DockerSandboxPath}" };
        var network = info?.HasNetwork == true ? info.Network : ContainerInfo.Types.DockerInfo.Types.Network.Host;
        argv.Add("--net=" + network.ToString().ToLowerInvariant());
        foreach (var (name, value) in environment)
        {
            argv.AddRange(["-e", $"{name}={value}"]);
        }

        if (info is not null)
        {
            foreach (var mapping in info.PortMappings)
            {
                var protocol = string.IsNullOrEmpty(mapping.Protocol) ? "tcp" : mapping.Protocol;
                argv.AddRange(["-p", $"{mapping.HostPort}:{mapping.ContainerPort}/{protocol}"]);
            }

            if (info.Privileged)
            {
                argv.Add("--privileged");
            }

            foreach (var parameter in info.Parameters)
            {
                argv.Add($"--{parameter.Key}={parameter.Value}");
            }
        }

        argv.Add(info?.Image ?? string.Empty);
        argv.AddRange(commandArgv[0] == "/bin/bash" ? ["/bin/sh", "-c", commandArgv[2]] : commandArgv);
        return argv;
    }
}
