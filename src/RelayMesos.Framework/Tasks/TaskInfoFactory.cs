using System.Globalization;
using RelayMesos.Framework.Offers;
using RelayMesos.Framework.Settings;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tasks;

/// <summary>Builds the Mesos TaskInfo for one planned launch: resources, command, environment, container.</summary>
public static class TaskInfoFactory
{
    public const string KindLabel = "relay-mesos.kind";

    /// <summary>The loop a task belongs to, for operators and tools reading Mesos' state (the journal is what we route by).</summary>
    public const string LoopLabel = "relay.loop";

    public static string NewTaskId(TaskKind kind) =>
        $"relay-{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}";

    public static TaskInfo Build(string taskId, TaskKind kind, PlannedLaunch launch, FrameworkSettings settings)
    {
        var command = new CommandInfo { Shell = true, Value = settings.CommandFor(kind) };
        var environment = new Mesos.V1.Environment();
        foreach (var (name, value) in settings.Task.Environment)
        {
            environment.Variables.Add(new Mesos.V1.Environment.Types.Variable { Name = name, Value = value });
        }

        environment.Variables.Add(new Mesos.V1.Environment.Types.Variable { Name = "RELAY_TASK_KIND", Value = kind.ToString().ToLowerInvariant() });
        var ports = launch.Ports;
        for (var i = 0; i < ports.Count; i++)
        {
            environment.Variables.Add(new Mesos.V1.Environment.Types.Variable { Name = $"PORT{i}", Value = ports[i].ToString(CultureInfo.InvariantCulture) });
        }

        command.Environment = environment;
        command.Uris.AddRange(settings.Task.Uris.Select(uri => new CommandInfo.Types.URI { Value = uri }));
        if (settings.User.Length > 0)
        {
            command.User = settings.User;
        }

        var task = new TaskInfo
        {
            Name = settings.Loop == FrameworkSettings.DefaultLoop
                ? $"{settings.FrameworkName} {kind.ToString().ToLowerInvariant()}"
                : $"{settings.FrameworkName} {settings.Loop} {kind.ToString().ToLowerInvariant()}",
            TaskId = new TaskID { Value = taskId },
            AgentId = new AgentID { Value = launch.AgentId },
            Command = command,
            KillPolicy = new KillPolicy { GracePeriod = new DurationInfo { Nanoseconds = settings.Task.KillGracePeriod.Ticks * 100 } },
            Labels = new Labels
            {
                Labels_ =
                {
                    new Label { Key = KindLabel, Value = kind.ToString().ToLowerInvariant() },
                    new Label { Key = LoopLabel, Value = settings.Loop },
                },
            },
        };
        task.Resources.AddRange(Resources(launch));
        if (settings.Docker.Enabled)
        {
            task.Container = Container(settings.Docker);
        }

        if (kind == TaskKind.Warmer && settings.HealthCheck.Enabled)
        {
            task.HealthCheck = HealthCheck(settings.HealthCheck, ports);
        }

        return task;
    }

    /// <summary>Mesos' HealthCheck; an HTTP or TCP check probes the allocated port its port-index names.</summary>
    public static HealthCheck HealthCheck(HealthCheckSettings settings, IReadOnlyList<ulong> ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var check = new HealthCheck
        {
            DelaySeconds = settings.Delay.TotalSeconds,
            IntervalSeconds = settings.Interval.TotalSeconds,
            TimeoutSeconds = settings.Timeout.TotalSeconds,
            GracePeriodSeconds = settings.GracePeriod.TotalSeconds,
            ConsecutiveFailures = (uint)settings.ConsecutiveFailures,
        };
        switch (settings.Kind)
        {
            case HealthCheckKind.Command:
                check.Type = Mesos.V1.HealthCheck.Types.Type.Command;
                check.Command = new CommandInfo { Shell = true, Value = settings.Command };
                break;
            case HealthCheckKind.Http:
                check.Type = Mesos.V1.HealthCheck.Types.Type.Http;
                check.Http = new HealthCheck.Types.HTTPCheckInfo { Port = CheckedPort(settings, ports), Path = settings.Path };
                break;
            case HealthCheckKind.Tcp:
                check.Type = Mesos.V1.HealthCheck.Types.Type.Tcp;
                check.Tcp = new HealthCheck.Types.TCPCheckInfo { Port = CheckedPort(settings, ports) };
                break;
            default:
                throw new ArgumentException("No health check is configured.", nameof(settings));
        }

        return check;
    }

    private static uint CheckedPort(HealthCheckSettings settings, IReadOnlyList<ulong> ports) =>
        settings.PortIndex < ports.Count
            ? (uint)ports[settings.PortIndex]
            : throw new ArgumentException($"The health check probes port index {settings.PortIndex}, but the task has {ports.Count} port(s).", nameof(ports));

    private static IEnumerable<Resource> Resources(PlannedLaunch launch)
    {
        foreach (var (name, amount) in launch.Scalars.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            yield return WithRole(new Resource { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = amount } }, launch.Role);
        }

        foreach (var (name, ranges) in launch.Ranges.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var value = new Value.Types.Ranges();
            value.Range.AddRange(ranges.Select(r => new Value.Types.Range { Begin = r.Begin, End = r.End }));
            yield return WithRole(new Resource { Name = name, Type = Value.Types.Type.Ranges, Ranges = value }, launch.Role);
        }

        foreach (var (name, items) in launch.SetItems.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var set = new Value.Types.Set();
            set.Item.AddRange(items);
            yield return WithRole(new Resource { Name = name, Type = Value.Types.Type.Set, Set = set }, launch.Role);
        }
    }

    private static Resource WithRole(Resource resource, string role)
    {
        if (role != "*")
        {
            // The pre-refinement reservation format, matching the offers we receive (see MesosOfferConversion).
#pragma warning disable CS0612
            resource.Role = role;
#pragma warning restore CS0612
        }

        return resource;
    }

    private static ContainerInfo Container(DockerSettings docker)
    {
        var info = new ContainerInfo.Types.DockerInfo
        {
            Image = docker.Image,
            Network = Enum.Parse<ContainerInfo.Types.DockerInfo.Types.Network>(docker.Network, ignoreCase: true),
            ForcePullImage = docker.ForcePull,
        };
        info.Parameters.AddRange(docker.Parameters.Select(p => new Parameter { Key = p.Key, Value = p.Value }));
        var container = new ContainerInfo { Type = ContainerInfo.Types.Type.Docker, Docker = info };
        container.Volumes.AddRange(docker.Volumes.Select(v => new Volume
        {
            ContainerPath = v.ContainerPath,
            HostPath = v.HostPath,
            Mode = v.ReadOnly ? Volume.Types.Mode.Ro : Volume.Types.Mode.Rw,
        }));
        return container;
    }

    /// <summary>
    /// The ACCEPT call launching <paramref name="tasks"/> from <paramref name="offerIds"/>. What it leaves of its offers is
    /// not refused (refuse_seconds 0, explicitly: absent means Mesos' 5 s): while demand remains we want it back at once,
    /// and once demand is met we SUPPRESS. A refusal here also outlived a REVIVE sent while the ACCEPT waited for the
    /// journal (the master applies the ACCEPT's filter after the REVIVE), which left a grown demand unserved for 30 s.
    /// </summary>
    public static Mesos.V1.Scheduler.Call Accept(IEnumerable<OfferID> offerIds, IEnumerable<TaskInfo> tasks)
    {
        var launch = new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = new Offer.Types.Operation.Types.Launch() };
        launch.Launch.TaskInfos.AddRange(tasks);
        var accept = new Mesos.V1.Scheduler.Call.Types.Accept { Filters = new Filters { RefuseSeconds = 0 } };
        accept.OfferIds.AddRange(offerIds);
        accept.Operations.Add(launch);
        return new Mesos.V1.Scheduler.Call { Type = Mesos.V1.Scheduler.Call.Types.Type.Accept, Accept = accept };
    }
}
