using Microsoft.Extensions.Logging;

namespace RelayMesos.LocalCluster.Master;

/// <summary>The master's log lines; task lines always name the task, its framework and its agent.</summary>
internal sealed partial class LocalMaster
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {FrameworkId} ({Name}) registered for user {User}")]
    private partial void LogFrameworkRegistered(string frameworkId, string name, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {FrameworkId} ({Name}) resubscribed")]
    private partial void LogFrameworkResubscribed(string frameworkId, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {FrameworkId} ({Name}) failed over: its previous subscription got ERROR 'Framework failed over' and was closed")]
    private partial void LogFrameworkFailedOver(string frameworkId, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused subscription of framework {Name}: {Reason}")]
    private partial void LogSubscribeRefused(string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {FrameworkId} disconnected; failover timeout {FailoverTimeoutSeconds} s")]
    private partial void LogFrameworkDisconnected(string frameworkId, double failoverTimeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Framework {FrameworkId} did not resubscribe within its failover timeout")]
    private partial void LogFailoverTimeout(string frameworkId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {FrameworkId} removed ({Why})")]
    private partial void LogFrameworkRemoved(string frameworkId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Framework {FrameworkId} used invalid offers [{OfferIds}]: {Error}")]
    private partial void LogInvalidOffers(string frameworkId, string offerIds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} of framework {FrameworkId} is invalid: {Error}")]
    private partial void LogTaskInvalid(string taskId, string frameworkId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Launched task {TaskId} of framework {FrameworkId} on agent {Agent} as pid {Pid} in {Sandbox}")]
    private partial void LogTaskLaunched(string taskId, string frameworkId, string agent, int pid, string sandbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} of framework {FrameworkId} could not start on agent {Agent}: {Error}")]
    private partial void LogTaskLaunchFailed(string taskId, string frameworkId, string agent, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} of framework {FrameworkId} on agent {Agent} exited with code {ExitCode}")]
    private partial void LogTaskExited(string taskId, string frameworkId, string agent, int exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Killing task {TaskId} of framework {FrameworkId} on agent {Agent} with a {GraceSeconds} s grace period")]
    private partial void LogTaskKilling(string taskId, string frameworkId, string agent, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} ({Hostname}) marked unreachable")]
    private partial void LogAgentUnreachable(string agentId, string hostname);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} ({Hostname}) marked gone")]
    private partial void LogAgentGone(string agentId, string hostname);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} of framework {FrameworkId} on agent {Agent} is now healthy={Healthy}: {Detail}")]
    private partial void LogTaskHealthChanged(string taskId, string frameworkId, string agent, bool healthy, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killing task {TaskId} of framework {FrameworkId} on agent {Agent}: {Why}")]
    private partial void LogTaskKilledByHealthCheck(string taskId, string frameworkId, string agent, string why);
}
