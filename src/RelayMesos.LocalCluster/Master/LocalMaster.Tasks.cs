using RelayMesos.LocalCluster.Health;
using RelayMesos.LocalCluster.Processes;
using RelayMesos.LocalCluster.Resources;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Capability = RelayMesos.Mesos.V1.FrameworkInfo.Types.Capability.Types.Type;
using Reason = RelayMesos.Mesos.V1.TaskStatus.Types.Reason;
using Source = RelayMesos.Mesos.V1.TaskStatus.Types.Source;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.LocalCluster.Master;

/// <summary>The task half of the master: ACCEPT/LAUNCH, processes, status updates, KILL, ACKNOWLEDGE, RECONCILE.</summary>
internal sealed partial class LocalMaster
{
    private void Accept(FrameworkRecord framework, Call.Types.Accept accept)
    {
        var used = new List<OfferRecord>();
        var offerError = accept.OfferIds.Count == 0 ? "No offers specified" : null;
        foreach (var offerId in accept.OfferIds)
        {
            if (!offers.TryGetValue(offerId.Value, out var offer))
            {
                offerError ??= $"Offer {offerId.Value} is no longer valid";
            }
            else if (offer.FrameworkId != framework.Id)
            {
                offerError ??= $"Offer {offerId.Value} has invalid framework";
            }
            else if (used.Any(u => u.Id == offer.Id))
            {
                offerError ??= $"Offer {offerId.Value} is specified more than once";
            }
            else
            {
                if (used.Count > 0 && used[0].AgentId != offer.AgentId)
                {
                    offerError ??= "Aggregated offers must belong to one single agent";
                }

                used.Add(offer);
            }
        }

        foreach (var offer in used)
        {
            offers.Remove(offer.Id);
        }

        allocationRequested = true;
        var launches = accept.Operations
            .Where(o => o.Type == Offer.Types.Operation.Types.Type.Launch && o.Launch is not null)
            .SelectMany(o => o.Launch.TaskInfos)
            .ToList();
        var groupLaunches = accept.Operations
            .Where(o => o.Type == Offer.Types.Operation.Types.Type.LaunchGroup && o.LaunchGroup?.TaskGroup is not null)
            .SelectMany(o => o.LaunchGroup.TaskGroup.Tasks)
            .ToList();
        if (offerError is not null)
        {
            LogInvalidOffers(framework.Id, DescribeOffers(accept), offerError);
            foreach (var task in launches.Concat(groupLaunches))
            {
                var state = framework.PartitionAware ? TaskState.TaskDropped : TaskState.TaskLost;
                SendUpdate(framework, MasterStatus(task, state, Reason.InvalidOffers, "Task launched with invalid offers: " + offerError));
            }

            return;
        }

        var agent = agents[used[0].AgentId];
        var remaining = used.Aggregate(ResourceBag.Empty, (sum, o) => sum.Plus(o.Resources));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in launches)
        {
            var error = ValidateTask(framework, task, agent, remaining, seen, out var resources);
            if (error is not null)
            {
                LogTaskInvalid(task.TaskId?.Value ?? string.Empty, framework.Id, error);
                SendUpdate(framework, MasterStatus(task, TaskState.TaskError, Reason.TaskInvalid, error));
                continue;
            }

            remaining = remaining.Minus(resources);
            Launch(framework, agent, task, resources);
        }

        foreach (var task in groupLaunches)
        {
            SendUpdate(framework, MasterStatus(task, TaskState.TaskError, Reason.TaskGroupInvalid,
                "LAUNCH_GROUP needs Mesos' default executor, which the local cluster does not provide"));
        }

        // What the operations did not use counts as declined, with the ACCEPT's filters.
        AddFilter(framework, agent.Id, remaining, accept.Filters);
    }

    private string? ValidateTask(
        FrameworkRecord framework, TaskInfo task, AgentRecord agent, ResourceBag remaining, HashSet<string> seen, out ResourceBag resources)
    {
        resources = ResourceBag.Empty;
        var id = task.TaskId?.Value;
        if (string.IsNullOrEmpty(id) || id.Contains('/', StringComparison.Ordinal) || id is "." or ".."
            || id.Any(char.IsWhiteSpace) || id.Any(char.IsControl))
        {
            return $"Task ID '{id}' is invalid: it must be non-empty and free of '/', whitespace and control characters";
        }

        if (framework.Tasks.ContainsKey(id) || !seen.Add(id))
        {
            return $"Task has duplicate ID: {id}";
        }

        if (task.AgentId?.Value != agent.Id)
        {
            return $"Task uses agent ID '{task.AgentId?.Value}' which does not match the offers' agent ID '{agent.Id}'";
        }

        if ((task.Command is null) == (task.Executor is null))
        {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }

        if (task.Executor is not null)
        {
            return "Custom executors are not supported by the local cluster; use CommandInfo";
        }

        resources = ResourceBag.FromProto(task.Resources.Select(WithoutAllocationInfo), out var resourceError);
        if (resourceError is not null)
        {
            return "Task uses invalid resources: " + resourceError;
        }

        if (!remaining.Contains(resources))
        {
            return $"Task uses more resources ({resources}) than available ({remaining})";
        }

        return task.HealthCheck is null ? null : HealthProbe.Validate(task.HealthCheck);
    }

    private void Launch(FrameworkRecord framework, AgentRecord agent, TaskInfo info, ResourceBag resources)
    {
        var containerId = Guid.NewGuid().ToString();
        var sandbox = Path.Combine(agent.SandboxRoot, "frameworks", framework.Id, "executors", info.TaskId.Value, "runs", containerId);
        var task = new TaskRecord(info.Clone(), framework.Id, agent, resources, containerId, sandbox) { RetryDelay = options.StatusRetryInterval };
        framework.Tasks[task.Id] = task;
        agent.Used = agent.Used.Plus(resources);
        // No update for TASK_STAGING: a Mesos agent never sends one; the first a scheduler hears is TASK_STARTING.

        var plan = TaskCommandBuilder.Build(
            info, sandbox, agent.Spec.Hostname, $"127.0.0.1:{MasterInfo.Port}", [.. resources.Range("ports").Values()],
            options.DockerBinary, out var planError);
        if (plan is null)
        {
            FailLaunch(framework, task, planError ?? "Task cannot be launched");
            return;
        }

        try
        {
            task.Process = TaskProcess.Start(plan);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            FailLaunch(framework, task, "Failed to launch container: " + e.Message);
            return;
        }

        LogTaskLaunched(task.Id, framework.Id, agent.Spec.Hostname, task.Process.ProcessId, sandbox);
        EnqueueUpdate(framework, task, AgentStatus(task, TaskState.TaskStarting, Source.Executor, null, null));
        EnqueueUpdate(framework, task, AgentStatus(task, TaskState.TaskRunning, Source.Executor, null, null));
        var process = task.Process;
        process.Exit.ContinueWith(exit => OnProcessExited(framework.Id, task, process, exit.Result), TaskScheduler.Default);
        if (info.HealthCheck is { } check)
        {
            task.HealthChecker = TaskHealthChecker.Start(
                check, sandbox, plan.Environment, healthProbe, time,
                (healthy, message) => OnHealthChanged(framework.Id, task, healthy, message),
                why => OnHealthCheckKill(framework.Id, task, why));
        }
    }

    /// <summary>Like Mesos' command executor: every change of health is a TASK_RUNNING update carrying it.</summary>
    private void OnHealthChanged(string frameworkId, TaskRecord task, bool healthy, string message)
    {
        lock (gate)
        {
            if (CurrentLiveTask(frameworkId, task) is not { } framework || task.KillRequested)
            {
                return;
            }

            LogTaskHealthChanged(task.Id, frameworkId, task.Agent.Spec.Hostname, healthy, message);
            var status = AgentStatus(task, TaskState.TaskRunning, Source.Executor, Reason.TaskHealthCheckStatusUpdated, message);
            status.Healthy = healthy;
            EnqueueUpdate(framework, task, status);
        }
    }

    private void OnHealthCheckKill(string frameworkId, TaskRecord task, string why)
    {
        lock (gate)
        {
            if (CurrentLiveTask(frameworkId, task) is null || task.KillRequested || task.Process is null)
            {
                return;
            }

            task.KillRequested = true;
            task.KilledByHealthCheck = true;
            var grace = GracePeriod(task, null);
            LogTaskKilledByHealthCheck(task.Id, frameworkId, task.Agent.Spec.Hostname, why);
            task.Process.Terminate(grace);
        }
    }

    private FrameworkRecord? CurrentLiveTask(string frameworkId, TaskRecord task) =>
        !stopped && frameworks.TryGetValue(frameworkId, out var framework)
            && framework.Tasks.TryGetValue(task.Id, out var current) && ReferenceEquals(current, task) && !IsTerminal(task.State)
            ? framework
            : null;

    private void FailLaunch(FrameworkRecord framework, TaskRecord task, string message)
    {
        LogTaskLaunchFailed(task.Id, framework.Id, task.Agent.Spec.Hostname, message);
        ReleaseResources(task);
        EnqueueUpdate(framework, task, AgentStatus(task, TaskState.TaskFailed, Source.Agent, Reason.ContainerLaunchFailed, message));
    }

    private void OnProcessExited(string frameworkId, TaskRecord task, TaskProcess process, int exitCode)
    {
        lock (gate)
        {
            task.HealthChecker?.Dispose();
            orphans.Remove(process);
            ReleaseResources(task);
            LogTaskExited(task.Id, frameworkId, task.Agent.Spec.Hostname, exitCode);
            if (stopped || !frameworks.TryGetValue(frameworkId, out var framework)
                || !framework.Tasks.TryGetValue(task.Id, out var current) || !ReferenceEquals(current, task) || IsTerminal(task.State))
            {
                return;
            }

            var signal = exitCode > 128 ? exitCode - 128 : 0;
            var (state, message) = task.KillRequested
                ? (TaskState.TaskKilled, signal > 0 ? $"Command terminated with signal {SignalName(signal)}" : $"Command exited with status {exitCode}")
                : exitCode == 0
                    ? (TaskState.TaskFinished, "Command exited with status 0")
                    : (TaskState.TaskFailed, signal > 0 ? $"Command terminated with signal {SignalName(signal)}" : $"Command exited with status {exitCode}");
            var status = AgentStatus(task, state, Source.Executor, null, message);
            if (task.KilledByHealthCheck)
            {
                status.Healthy = false;
            }

            EnqueueUpdate(framework, task, status);
        }
    }

    private static string SignalName(int signal) => signal switch
    {
        ProcessSignals.SigTerm => "Terminated",
        ProcessSignals.SigKill => "Killed",
        2 => "Interrupt",
        _ => signal.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void ReleaseResources(TaskRecord task)
    {
        if (task.ResourcesReleased)
        {
            return;
        }

        task.ResourcesReleased = true;
        task.Agent.Used = task.Agent.Used.Minus(task.Resources);
        allocationRequested = true;
    }

    private void Kill(FrameworkRecord framework, Call.Types.Kill kill)
    {
        if (!framework.Tasks.TryGetValue(kill.TaskId.Value, out var task)
            || (kill.AgentId is not null && kill.AgentId.Value != task.Agent.Id))
        {
            // Mesos answers a KILL of a task it does not know with a reconciliation of that task.
            var reconcile = new Call.Types.Reconcile();
            reconcile.Tasks.Add(new Call.Types.Reconcile.Types.Task { TaskId = kill.TaskId.Clone(), AgentId = kill.AgentId?.Clone() });
            Reconcile(framework, reconcile);
            return;
        }

        if (IsTerminal(task.State) || task.Process is null || task.KillRequested)
        {
            return;
        }

        task.KillRequested = true;
        var grace = GracePeriod(task, kill.KillPolicy);
        LogTaskKilling(task.Id, framework.Id, task.Agent.Spec.Hostname, grace.TotalSeconds);
        if (framework.Has(Capability.TaskKillingState))
        {
            EnqueueUpdate(framework, task, AgentStatus(task, TaskState.TaskKilling, Source.Executor, null, "Command is being killed"));
        }

        task.Process.Terminate(grace);
    }

    private void Acknowledge(FrameworkRecord framework, Call.Types.Acknowledge ack)
    {
        if (!framework.Tasks.TryGetValue(ack.TaskId.Value, out var task) || task.Agent.Id != ack.AgentId.Value
            || task.PendingUpdates.Count == 0 || task.PendingUpdates.Peek().Uuid != ack.Uuid)
        {
            return;
        }

        var acknowledged = task.PendingUpdates.Dequeue();
        task.RetryDelay = options.StatusRetryInterval;
        if (IsTerminal(acknowledged.State))
        {
            CompleteTask(framework, task);
        }
        else if (task.PendingUpdates.Count > 0)
        {
            SendHeadUpdate(framework, task);
        }
    }

    private void CompleteTask(FrameworkRecord framework, TaskRecord task)
    {
        framework.Tasks.Remove(task.Id);
        framework.CompletedTasks.Add(task);
        if (framework.CompletedTasks.Count > MaxCompletedTasksPerFramework)
        {
            framework.CompletedTasks.RemoveAt(0);
        }
    }

    private void Reconcile(FrameworkRecord framework, Call.Types.Reconcile reconcile)
    {
        if (reconcile.Tasks.Count == 0)
        {
            foreach (var task in framework.Tasks.Values.Concat(framework.UnreachableTasks.Values))
            {
                SendUpdate(framework, MasterStatus(task, task.State, Reason.Reconciliation, "Reconciliation: Latest task state"));
            }

            return;
        }

        foreach (var wanted in reconcile.Tasks)
        {
            if (framework.Tasks.TryGetValue(wanted.TaskId.Value, out var task) || framework.UnreachableTasks.TryGetValue(wanted.TaskId.Value, out task))
            {
                SendUpdate(framework, MasterStatus(task, task.State, Reason.Reconciliation, "Reconciliation: Latest task state"));
                continue;
            }

            var agentId = wanted.AgentId?.Value;
            var (state, message) = !framework.PartitionAware
                ? (TaskState.TaskLost, "Reconciliation: Task is unknown")
                : agentId is not null && agents.ContainsKey(agentId)
                    ? (TaskState.TaskGone, "Reconciliation: Task is unknown to the agent")
                    : agentId is not null && unreachableAgents.ContainsKey(agentId)
                        ? (TaskState.TaskUnreachable, "Reconciliation: Task is unknown; agent is unreachable")
                        : agentId is not null && removedAgentIds.Contains(agentId)
                            ? (TaskState.TaskGoneByOperator, "Reconciliation: Task is unknown; agent has been marked gone")
                            : (TaskState.TaskUnknown, "Reconciliation: Task is unknown");
            var status = new TaskStatus
            {
                TaskId = wanted.TaskId.Clone(),
                State = state,
                Source = Source.Master,
                Reason = Reason.Reconciliation,
                Message = message,
                Timestamp = Timestamp(),
            };
            if (agentId is not null)
            {
                status.AgentId = new AgentID { Value = agentId };
            }

            SendUpdate(framework, status);
        }
    }

    /// <summary>Queues a reliable update; it goes out now only when nothing earlier for the task is unacknowledged.</summary>
    private void EnqueueUpdate(FrameworkRecord framework, TaskRecord task, TaskStatus status)
    {
        task.Record(status);
        task.PendingUpdates.Enqueue(status);
        if (task.PendingUpdates.Count == 1)
        {
            SendHeadUpdate(framework, task);
        }
    }

    private void SendHeadUpdate(FrameworkRecord framework, TaskRecord task)
    {
        task.NextRetryAt = Now + task.RetryDelay;
        SendUpdate(framework, task.PendingUpdates.Peek());
    }

    private static void SendUpdate(FrameworkRecord framework, TaskStatus status) =>
        framework.Subscription?.Send(new Event { Type = Event.Types.Type.Update, Update = new Event.Types.Update { Status = status.Clone() } });

    private TaskStatus AgentStatus(TaskRecord task, TaskState state, Source source, Reason? reason, string? message)
    {
        var status = new TaskStatus
        {
            TaskId = task.Info.TaskId.Clone(),
            State = state,
            Source = source,
            AgentId = new AgentID { Value = task.Agent.Id },
            ExecutorId = new ExecutorID { Value = task.Id },
            Timestamp = Timestamp(),
            Uuid = NewUuid(),
            ContainerStatus = AgentContainerStatus(task),
        };
        if (reason is { } r)
        {
            status.Reason = r;
        }

        if (message is not null)
        {
            status.Message = message;
        }

        return status;
    }

    /// <summary>
    /// What a Mesos agent attaches to every update it forwards: the container, its address (the agent's own, 127.0.0.1
    /// here, when the container has no network of its own) and the executor's pid while there is a process.
    /// </summary>
    private static ContainerStatus AgentContainerStatus(TaskRecord task)
    {
        var status = new ContainerStatus { ContainerId = new ContainerID { Value = task.ContainerId } };
        var network = new NetworkInfo();
        network.IpAddresses.Add(new NetworkInfo.Types.IPAddress { Protocol = NetworkInfo.Types.Protocol.Ipv4, IpAddress = "127.0.0.1" });
        status.NetworkInfos.Add(network);
        if (task.Process is { } process)
        {
            status.ExecutorPid = (uint)process.ProcessId;
        }

        return status;
    }

    private TaskStatus MasterStatus(TaskRecord task, TaskState state, Reason reason, string message)
    {
        var status = MasterStatus(task.Info, state, reason, message);
        status.AgentId = new AgentID { Value = task.Agent.Id };
        if (task.LatestStatus is { HasHealthy: true } latest)
        {
            // Mesos' reconciliation answers carry the last known health too.
            status.Healthy = latest.Healthy;
        }

        return status;
    }

    private TaskStatus MasterStatus(TaskInfo task, TaskState state, Reason reason, string message)
    {
        var status = new TaskStatus
        {
            TaskId = task.TaskId?.Clone() ?? new TaskID { Value = string.Empty },
            State = state,
            Source = Source.Master,
            Reason = reason,
            Message = message,
            Timestamp = Timestamp(),
        };
        if (task.AgentId is not null)
        {
            status.AgentId = task.AgentId.Clone();
        }

        return status;
    }

    private double Timestamp() => Now.ToUnixTimeMilliseconds() / 1000.0;
}
