using System.Globalization;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using RelayMesos.LocalCluster.Health;
using RelayMesos.LocalCluster.Processes;
using RelayMesos.LocalCluster.Resources;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Reason = RelayMesos.Mesos.V1.TaskStatus.Types.Reason;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.LocalCluster.Master;

/// <summary>
/// The master and its agents as one state machine behind one lock: frameworks, offers, tasks, status-update
/// reliability and allocation. HTTP parsing lives elsewhere; this type sees validated calls only.
/// </summary>
internal sealed partial class LocalMaster
{
    private const int MaxCompletedFrameworks = 50;
    private const int MaxCompletedTasksPerFramework = 1000;
    private static readonly TimeSpan MaxRefuse = TimeSpan.FromDays(365);

    private readonly object gate = new();
    private readonly LocalClusterOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Dictionary<string, FrameworkRecord> frameworks = new(StringComparer.Ordinal);
    private readonly List<FrameworkRecord> completedFrameworks = [];
    private readonly HashSet<string> removedFrameworkIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentRecord> agents = new(StringComparer.Ordinal);
    private readonly HashSet<string> removedAgentIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentRecord> unreachableAgents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OfferRecord> offers = new(StringComparer.Ordinal);

    // 3xx counts as healthy in Mesos' HTTP check, so redirects are not followed.
    private readonly HttpClient healthHttp = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly HealthProbe healthProbe;
    private long frameworkCounter;
    private long offerCounter;
    private DateTimeOffset nextAllocation;
    private bool allocationRequested;
    private bool stopped;

    public LocalMaster(LocalClusterOptions options, IReadOnlyList<AgentSpec> agentSpecs, string workDir, ILogger logger, TimeProvider time)
    {
        this.options = options;
        this.logger = logger;
        this.time = time;
        healthProbe = new HealthProbe(healthHttp);
        MasterId = Guid.NewGuid().ToString();
        for (var i = 0; i < agentSpecs.Count; i++)
        {
            var id = $"{MasterId}-S{i}";
            agents[id] = new AgentRecord(id, agentSpecs[i], Path.Combine(workDir, "agents", i.ToString(CultureInfo.InvariantCulture)));
        }

        MasterInfo = new MasterInfo { Id = MasterId, Ip = 0x0100007F, Port = 0, Hostname = options.Hostname, Version = "1.12.0" };
    }

    public string MasterId { get; }

    public MasterInfo MasterInfo { get; private set; }

    public IReadOnlyCollection<string> AgentIds
    {
        get
        {
            lock (gate)
            {
                return [.. agents.Keys];
            }
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Called once Kestrel has bound, so MasterInfo carries the real port.</summary>
    public void SetPort(int port)
    {
        lock (gate)
        {
            MasterInfo = new MasterInfo
            {
                Id = MasterId,
                Ip = 0x0100007F, // 127.0.0.1 in network byte order, read as a little-endian uint32
                Port = (uint)port,
                Hostname = options.Hostname,
                Version = "1.12.0",
                Pid = $"master@127.0.0.1:{port}",
                Address = new Address { Hostname = options.Hostname, Ip = "127.0.0.1", Port = port },
            };
            MasterInfo.Capabilities.Add(new MasterInfo.Types.Capability { Type = MasterInfo.Types.Capability.Types.Type.AgentUpdate });
            MasterInfo.Capabilities.Add(new MasterInfo.Types.Capability { Type = MasterInfo.Types.Capability.Types.Type.AgentDraining });
            MasterInfo.Capabilities.Add(new MasterInfo.Types.Capability { Type = MasterInfo.Types.Capability.Types.Type.QuotaV2 });
        }
    }

    public Subscription Subscribe(Call call, string? authenticatedPrincipal)
    {
        var subscription = new Subscription(Guid.NewGuid().ToString());
        lock (gate)
        {
            var info = call.Subscribe.FrameworkInfo.Clone();
            var refusal = CallValidator.ValidateFrameworkInfo(info, options.AllowRoot);
            FrameworkRecord? framework = null;
            if (refusal is null && info.Id is not null)
            {
                if (removedFrameworkIds.Contains(info.Id.Value))
                {
                    refusal = "Framework has been removed";
                }
                else if (frameworks.TryGetValue(info.Id.Value, out framework)
                    && (framework.Info.HasPrincipal || info.HasPrincipal) && framework.Info.Principal != info.Principal)
                {
                    refusal = $"Changing framework's principal is not allowed (from '{framework.Info.Principal}' to '{info.Principal}')";
                }
            }

            if (refusal is not null || stopped)
            {
                refusal ??= "Master is shutting down";
                LogSubscribeRefused(info.Name, refusal);
                subscription.Send(new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = refusal } });
                subscription.Close();
                return subscription;
            }

            if (authenticatedPrincipal is not null && !info.HasPrincipal)
            {
                info.Principal = authenticatedPrincipal;
            }

            if (framework is not null)
            {
                if (framework.Subscription is { } old)
                {
                    old.Send(new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = "Framework failed over" } });
                    old.Close();
                    LogFrameworkFailedOver(framework.Id, info.Name);
                }

                DiscardOffersOf(framework);
                info.User = framework.Info.User;
                info.Checkpoint = framework.Info.Checkpoint;
                framework.Info = info;
                LogFrameworkResubscribed(framework.Id, info.Name);
            }
            else
            {
                var id = info.Id?.Value ?? $"{MasterId}-{frameworkCounter++:D4}";
                info.Id = new FrameworkID { Value = id };
                framework = new FrameworkRecord(id, info);
                frameworks[id] = framework;
                LogFrameworkRegistered(id, info.Name, info.User);
            }

            framework.Subscription = subscription;
            framework.RegisteredAt = Now;
            framework.FailoverDeadline = null;
            framework.SuppressedRoles.Clear();
            framework.SuppressedRoles.UnionWith(call.Subscribe.SuppressedRoles);
            subscription.Send(new Event
            {
                Type = Event.Types.Type.Subscribed,
                Subscribed = new Event.Types.Subscribed
                {
                    FrameworkId = new FrameworkID { Value = framework.Id },
                    HeartbeatIntervalSeconds = options.HeartbeatInterval.TotalSeconds,
                    MasterInfo = MasterInfo.Clone(),
                },
            });
            subscription.Send(Heartbeat);
            foreach (var task in framework.Tasks.Values.Where(t => t.PendingUpdates.Count > 0))
            {
                task.RetryDelay = options.StatusRetryInterval;
                SendHeadUpdate(framework, task);
            }

            allocationRequested = true;
            return subscription;
        }
    }

    public static Event Heartbeat { get; } = new() { Type = Event.Types.Type.Heartbeat };

    /// <summary>The SUBSCRIBE connection ended: the framework is disconnected and its failover timer starts.</summary>
    public void StreamClosed(Subscription subscription)
    {
        lock (gate)
        {
            var framework = frameworks.Values.FirstOrDefault(f => ReferenceEquals(f.Subscription, subscription));
            if (framework is null)
            {
                return;
            }

            framework.Subscription = null;
            DiscardOffersOf(framework);
            framework.FailoverDeadline = Now + TimeSpan.FromSeconds(Math.Max(0, framework.Info.FailoverTimeout));
            LogFrameworkDisconnected(framework.Id, framework.Info.FailoverTimeout);
        }
    }

    /// <summary>The per-framework checks of a non-SUBSCRIBE call, in the master's order.</summary>
    public (int Status, string Message)? CheckCaller(Call call, string? streamId, string? authenticatedPrincipal)
    {
        lock (gate)
        {
            if (!frameworks.TryGetValue(call.FrameworkId.Value, out var framework))
            {
                return (400, "Framework cannot be found");
            }

            if (authenticatedPrincipal is not null && framework.Info.HasPrincipal && framework.Info.Principal != authenticatedPrincipal)
            {
                return (400, $"Authenticated principal '{authenticatedPrincipal}' does not match principal '{framework.Info.Principal}' set in `FrameworkInfo`");
            }

            if (framework.Subscription is null)
            {
                return (403, "Framework is not subscribed");
            }

            if (streamId is null)
            {
                return (400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            }

            if (streamId != framework.Subscription.StreamId)
            {
                return (400, $"The stream ID '{streamId}' included in this request didn't match the stream ID currently associated with framework ID {framework.Id}");
            }

            return null;
        }
    }

    /// <summary>Applies an asynchronous call (the HTTP layer has already answered 202 or is about to).</summary>
    public void Apply(Call call)
    {
        lock (gate)
        {
            if (!frameworks.TryGetValue(call.FrameworkId.Value, out var framework))
            {
                return;
            }

            switch (call.Type)
            {
                case Call.Types.Type.Teardown:
                    RemoveFramework(framework, "TEARDOWN");
                    break;
                case Call.Types.Type.Accept:
                    Accept(framework, call.Accept);
                    break;
                case Call.Types.Type.Decline:
                    DeclineOffers(framework, call.Decline.OfferIds, call.Decline.Filters);
                    break;
                case Call.Types.Type.Revive:
                    framework.Filters.Clear();
                    framework.SuppressedRoles.ExceptWith(call.Revive is { Roles.Count: > 0 } ? call.Revive.Roles : framework.Roles);
                    allocationRequested = true;
                    break;
                case Call.Types.Type.Suppress:
                    framework.SuppressedRoles.UnionWith(call.Suppress is { Roles.Count: > 0 } ? call.Suppress.Roles : framework.Roles);
                    break;
                case Call.Types.Type.Kill:
                    Kill(framework, call.Kill);
                    break;
                case Call.Types.Type.Shutdown:
                    // The command executor shares its task's id, so shutting it down kills that task.
                    if (framework.Tasks.TryGetValue(call.Shutdown.ExecutorId.Value, out var executorTask)
                        && executorTask.Agent.Id == call.Shutdown.AgentId.Value)
                    {
                        Kill(framework, new Call.Types.Kill { TaskId = executorTask.Info.TaskId.Clone() });
                    }

                    break;
                case Call.Types.Type.Acknowledge:
                    Acknowledge(framework, call.Acknowledge);
                    break;
                case Call.Types.Type.Reconcile:
                    Reconcile(framework, call.Reconcile);
                    break;
                default:
                    // MESSAGE has no executor to reach, REQUEST is ignored by Mesos' allocator as well, and no
                    // operation or inverse offer ever exists here, so their acknowledgements change nothing.
                    break;
            }
        }
    }

    /// <returns>Null on success, otherwise the 400 message.</returns>
    public string? UpdateFramework(Call call)
    {
        lock (gate)
        {
            if (!frameworks.TryGetValue(call.FrameworkId.Value, out var framework))
            {
                return "Framework cannot be found";
            }

            var info = call.UpdateFramework.FrameworkInfo;
            var invalid = CallValidator.ValidateFrameworkInfo(info, options.AllowRoot);
            if (invalid is not null)
            {
                return invalid;
            }

            if (info.User != framework.Info.User || info.Checkpoint != framework.Info.Checkpoint
                || (info.HasPrincipal ? info.Principal : null) != (framework.Info.HasPrincipal ? framework.Info.Principal : null))
            {
                return "Updating 'FrameworkInfo.principal', 'FrameworkInfo.user' or 'FrameworkInfo.checkpoint' is unsupported";
            }

            var rolesBefore = framework.Roles;
            framework.Info = info.Clone();
            framework.SuppressedRoles.Clear();
            framework.SuppressedRoles.UnionWith(call.UpdateFramework.SuppressedRoles);
            if (!rolesBefore.SequenceEqual(framework.Roles))
            {
                RescindOffersWhere(o => o.FrameworkId == framework.Id);
            }

            allocationRequested = true;
            return null;
        }
    }

    /// <summary>Periodic work: failover timeouts, offer timeouts, status-update retries and allocation.</summary>
    public void Tick()
    {
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            var now = Now;
            foreach (var framework in frameworks.Values.Where(f => f.FailoverDeadline <= now).ToList())
            {
                LogFailoverTimeout(framework.Id);
                RemoveFramework(framework, "failover timeout");
            }

            if (options.OfferTimeout is { } offerTimeout)
            {
                RescindOffersWhere(o => now - o.CreatedAt >= offerTimeout);
            }

            foreach (var framework in frameworks.Values.Where(f => f.IsConnected))
            {
                foreach (var task in framework.Tasks.Values.Where(t => t.PendingUpdates.Count > 0 && t.NextRetryAt <= now))
                {
                    task.RetryDelay = TimeSpan.FromTicks(Math.Min(task.RetryDelay.Ticks * 2, options.StatusRetryMaxInterval.Ticks));
                    SendHeadUpdate(framework, task);
                }
            }

            if (allocationRequested || now >= nextAllocation)
            {
                Allocate(now);
            }
        }
    }

    /// <summary>
    /// An agent the master lost contact with, marked unreachable as Mesos does once its pings go unanswered: its offers
    /// are rescinded and every framework gets FAILURE. A PARTITION_AWARE framework hears TASK_UNREACHABLE for each of its
    /// tasks there (they stay its unreachable tasks, for they might come back); any other hears TASK_LOST. Here the
    /// agent never comes back, so its processes end.
    /// </summary>
    public bool MarkAgentUnreachable(string agentId)
    {
        lock (gate)
        {
            if (!agents.Remove(agentId, out var agent))
            {
                return false;
            }

            unreachableAgents[agentId] = agent;
            var unreachableTime = new TimeInfo { Nanoseconds = Now.ToUnixTimeMilliseconds() * 1_000_000 };
            LoseTasks(agent, framework => framework.Tasks.Values, framework => task =>
            {
                var lost = MasterStatus(task, framework.PartitionAware ? TaskState.TaskUnreachable : TaskState.TaskLost, Reason.AgentRemoved, "health check timed out");
                lost.UnreachableTime = unreachableTime.Clone();
                return lost;
            });
            LogAgentUnreachable(agentId, agent.Spec.Hostname);
            return true;
        }
    }

    /// <summary>
    /// The operator's MARK_AGENT_GONE: the agent, reachable or not, is gone for good. Its tasks end TASK_GONE_BY_OPERATOR
    /// (TASK_LOST without PARTITION_AWARE); a reconciliation that names it later answers TASK_GONE_BY_OPERATOR.
    /// </summary>
    public bool MarkAgentGone(string agentId)
    {
        lock (gate)
        {
            if (!agents.Remove(agentId, out var agent) && !unreachableAgents.Remove(agentId, out agent))
            {
                return false;
            }

            removedAgentIds.Add(agentId);
            LoseTasks(agent, framework => framework.Tasks.Values.Concat(framework.UnreachableTasks.Values), framework => task =>
                MasterStatus(task, framework.PartitionAware ? TaskState.TaskGoneByOperator : TaskState.TaskLost, Reason.AgentRemovedByOperator, "Agent has been marked gone"));
            LogAgentGone(agentId, agent.Spec.Hostname);
            return true;
        }
    }

    /// <summary>
    /// Ends the tasks of an agent that left: each gets the status <paramref name="statusFor"/> gives it; an unreachable
    /// one is kept apart from the framework's tasks, the others complete. Offers of the agent are rescinded and every
    /// framework is told (FAILURE).
    /// </summary>
    private void LoseTasks(AgentRecord agent, Func<FrameworkRecord, IEnumerable<TaskRecord>> tasksOf, Func<FrameworkRecord, Func<TaskRecord, TaskStatus>> statusFor)
    {
        RescindOffersWhere(o => o.AgentId == agent.Id);
        foreach (var framework in frameworks.Values)
        {
            var status = statusFor(framework);
            foreach (var task in tasksOf(framework).Where(t => t.Agent == agent).ToList())
            {
                task.KillRequested = true;
                task.HealthChecker?.Dispose();
                task.Process?.KillNow();
                task.PendingUpdates.Clear();
                task.Record(status(task));
                SendUpdate(framework, task.LatestStatus!);
                framework.Tasks.Remove(task.Id);
                if (task.State == TaskState.TaskUnreachable)
                {
                    framework.UnreachableTasks[task.Id] = task;
                }
                else
                {
                    framework.UnreachableTasks.Remove(task.Id);
                    CompleteTask(framework, task);
                }
            }

            framework.Filters.Remove(agent.Id);
            framework.Subscription?.Send(new Event
            {
                Type = Event.Types.Type.Failure,
                Failure = new Event.Types.Failure { AgentId = new AgentID { Value = agent.Id } },
            });
        }
    }

    /// <summary>Ends every stream and kills every task process, so nothing outlives the cluster.</summary>
    public IReadOnlyList<Task> Stop()
    {
        lock (gate)
        {
            stopped = true;
            var exits = new List<Task>();
            foreach (var framework in frameworks.Values)
            {
                framework.Subscription?.Close();
                framework.Subscription = null;
                foreach (var task in framework.Tasks.Values)
                {
                    task.HealthChecker?.Dispose();
                }

                foreach (var task in framework.Tasks.Values.Where(t => t.Process is not null))
                {
                    task.KillRequested = true;
                    task.Process!.KillNow();
                    exits.Add(task.Process.Exit);
                }
            }

            foreach (var orphan in orphans)
            {
                orphan.KillNow();
                exits.Add(orphan.Exit);
            }

            return exits;
        }
    }

    private readonly HashSet<TaskProcess> orphans = [];

    private void RemoveFramework(FrameworkRecord framework, string why)
    {
        framework.Subscription?.Close();
        framework.Subscription = null;
        DiscardOffersOf(framework);
        foreach (var task in framework.Tasks.Values.ToList())
        {
            task.KillRequested = true;
            task.PendingUpdates.Clear();
            if (task.Process is { } process && !task.ResourcesReleased)
            {
                orphans.Add(process);
                process.Terminate(GracePeriod(task, null));
            }

            // As Mesos' removeFramework does: every task it had ends TASK_KILLED and is listed with the completed
            // framework's completed_tasks (the framework is gone, so no update is sent).
            if (!IsTerminal(task.State))
            {
                task.Record(MasterStatus(task, TaskState.TaskKilled, Reason.FrameworkRemoved, "Framework " + framework.Id + " removed"));
            }

            CompleteTask(framework, task);
        }

        frameworks.Remove(framework.Id);
        removedFrameworkIds.Add(framework.Id);
        completedFrameworks.Add(framework);
        if (completedFrameworks.Count > MaxCompletedFrameworks)
        {
            completedFrameworks.RemoveAt(0);
        }

        allocationRequested = true;
        LogFrameworkRemoved(framework.Id, why);
    }

    private void Allocate(DateTimeOffset now)
    {
        allocationRequested = false;
        nextAllocation = now + options.AllocationInterval;
        foreach (var framework in frameworks.Values.Where(f => f.IsConnected && !f.IsSuppressed).OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            var made = new List<Offer>();
            foreach (var agent in agents.Values)
            {
                if (offers.Values.Any(o => o.FrameworkId == framework.Id && o.AgentId == agent.Id))
                {
                    continue;
                }

                var available = Available(agent);
                if (available.IsEmpty)
                {
                    continue;
                }

                if (framework.Filters.TryGetValue(agent.Id, out var filter))
                {
                    if (filter.Until > now && filter.Resources.Contains(available))
                    {
                        continue;
                    }

                    framework.Filters.Remove(agent.Id);
                }

                made.Add(MakeOffer(framework, agent, available, now));
            }

            if (made.Count > 0)
            {
                var @event = new Event { Type = Event.Types.Type.Offers, Offers = new Event.Types.Offers() };
                @event.Offers.Offers_.AddRange(made);
                framework.Subscription!.Send(@event);
            }
        }
    }

    private ResourceBag Available(AgentRecord agent) =>
        offers.Values.Where(o => o.AgentId == agent.Id)
            .Aggregate(agent.Total.Minus(agent.Used), (left, offer) => left.Minus(offer.Resources));

    private Offer MakeOffer(FrameworkRecord framework, AgentRecord agent, ResourceBag resources, DateTimeOffset now)
    {
        var id = $"{MasterId}-O{offerCounter++}";
        var offer = new Offer
        {
            Id = new OfferID { Value = id },
            FrameworkId = new FrameworkID { Value = framework.Id },
            AgentId = new AgentID { Value = agent.Id },
            Hostname = agent.Spec.Hostname,
            Url = new URL
            {
                Scheme = "http",
                Address = new Address { Hostname = agent.Spec.Hostname, Ip = "127.0.0.1", Port = (int)MasterInfo.Port },
                Path = "/slave(1)",
            },
        };
        offer.Resources.AddRange(resources.ToProto());
        offer.Attributes.AddRange(agent.Spec.Attributes.Select(a => a.Clone()));
        if (framework.MultiRole)
        {
            // Without MULTI_ROLE Mesos strips allocation_info from offers and resources; with it, both carry the role.
            var role = framework.Roles.FirstOrDefault(r => !framework.SuppressedRoles.Contains(r)) ?? "*";
            offer.AllocationInfo = new Resource.Types.AllocationInfo { Role = role };
            foreach (var resource in offer.Resources)
            {
                resource.AllocationInfo = new Resource.Types.AllocationInfo { Role = role };
            }
        }

        offers[id] = new OfferRecord(id, framework.Id, agent.Id, resources, now, offer);
        return offer;
    }

    private void DiscardOffersOf(FrameworkRecord framework)
    {
        foreach (var id in offers.Values.Where(o => o.FrameworkId == framework.Id).Select(o => o.Id).ToList())
        {
            offers.Remove(id);
        }

        allocationRequested = true;
    }

    private void RescindOffersWhere(Func<OfferRecord, bool> predicate)
    {
        foreach (var offer in offers.Values.Where(predicate).ToList())
        {
            offers.Remove(offer.Id);
            if (frameworks.TryGetValue(offer.FrameworkId, out var framework))
            {
                framework.Subscription?.Send(new Event
                {
                    Type = Event.Types.Type.Rescind,
                    Rescind = new Event.Types.Rescind { OfferId = new OfferID { Value = offer.Id } },
                });
            }

            allocationRequested = true;
        }
    }

    private void DeclineOffers(FrameworkRecord framework, IEnumerable<OfferID> offerIds, Filters? filters)
    {
        foreach (var offerId in offerIds)
        {
            if (offers.TryGetValue(offerId.Value, out var offer) && offer.FrameworkId == framework.Id)
            {
                offers.Remove(offer.Id);
                AddFilter(framework, offer.AgentId, offer.Resources, filters);
            }
        }
    }

    private void AddFilter(FrameworkRecord framework, string agentId, ResourceBag resources, Filters? filters)
    {
        var seconds = filters is { HasRefuseSeconds: true } ? filters.RefuseSeconds : 5.0;
        if (double.IsNaN(seconds) || seconds < 0)
        {
            seconds = 5.0;
        }

        var refuse = seconds >= MaxRefuse.TotalSeconds ? MaxRefuse : TimeSpan.FromSeconds(seconds);
        if (refuse > TimeSpan.Zero && !resources.IsEmpty)
        {
            framework.Filters[agentId] = (resources, Now + refuse);
        }

        allocationRequested = true;
    }

    private static Resource WithoutAllocationInfo(Resource resource)
    {
        var copy = resource.Clone();
        copy.AllocationInfo = null;
        return copy;
    }

    private static string DescribeOffers(Call.Types.Accept accept) =>
        string.Join(", ", accept.OfferIds.Select(o => o.Value));

    private static TimeSpan FromDuration(DurationInfo duration) => TimeSpan.FromTicks(duration.Nanoseconds / 100);

    private TimeSpan GracePeriod(TaskRecord task, KillPolicy? overridePolicy) =>
        overridePolicy?.GracePeriod is { } over ? FromDuration(over)
        : task.Info.KillPolicy?.GracePeriod is { } own ? FromDuration(own)
        : options.DefaultKillGracePeriod;

    private static bool IsTerminal(TaskState state) => state is TaskState.TaskFinished or TaskState.TaskFailed
        or TaskState.TaskKilled or TaskState.TaskError or TaskState.TaskLost or TaskState.TaskDropped
        or TaskState.TaskGone or TaskState.TaskGoneByOperator;

    private static ByteString NewUuid() => ByteString.CopyFrom(Guid.NewGuid().ToByteArray());
}
