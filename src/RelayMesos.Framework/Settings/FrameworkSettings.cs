using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Offers;

namespace RelayMesos.Framework.Settings;

/// <summary>Everything the framework's actors need besides the controller's own settings.</summary>
public sealed record FrameworkSettings
{
    /// <summary>The loop a configuration without <c>relay.loops</c> has; its history keeps the ids it had before loops existed.</summary>
    public const string DefaultLoop = "default";

    /// <summary>
    /// The control loop these settings are for: the framework-wide keys are the same in every loop's settings, the
    /// per-loop keys (warmer, task, health check, constraints, max-failures...) are the loop's own.
    /// </summary>
    public string Loop { get; init; } = DefaultLoop;

    public required string Master { get; init; }

    public required string FrameworkName { get; init; }

    public string Role { get; init; } = "*";

    public string Principal { get; init; } = "";

    public string SecretFile { get; init; } = "";

    public string User { get; init; } = "";

    public bool Checkpoint { get; init; } = true;

    public TimeSpan FailoverTimeout { get; init; } = TimeSpan.FromDays(7);

    public bool TeardownOnExit { get; init; }

    public string ContentType { get; init; } = "protobuf";

    public string CaFile { get; init; } = "";

    public double HeartbeatMisses { get; init; } = 5;

    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RefuseOffers { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromMinutes(15);

    public int MaxFailures { get; init; } = -1;

    public int MaxFailuresExitCode { get; init; } = 3;

    /// <summary>A task that ran this long before it failed did real work: its failure is not charged to max-failures.</summary>
    public TimeSpan MaxFailuresHealthyAfter { get; init; } = TimeSpan.FromSeconds(30);

    public required string Warmer { get; init; }

    public string Cooler { get; init; } = "";

    public ControllerMode Mode { get; init; } = ControllerMode.RunToCompletion;

    public bool DryRun { get; init; }

    public required TaskSettings Task { get; init; }

    public DockerSettings Docker { get; init; } = DockerSettings.None;

    public IReadOnlyList<PlacementConstraint> Constraints { get; init; } = [];

    /// <summary>Checked on warmers only: they are the long-running instances whose health the count relies on.</summary>
    public HealthCheckSettings HealthCheck { get; init; } = HealthCheckSettings.None;

    public int SnapshotEvery { get; init; } = 500;

    public string CommandFor(TaskKind kind) => kind == TaskKind.Warmer ? Warmer : Cooler;

    public TaskRequirement Requirement()
    {
        var scalars = new Dictionary<string, double>(Task.ExtraResources, StringComparer.Ordinal)
        {
            [ResourceNames.Cpus] = Task.Cpus,
            [ResourceNames.Mem] = Task.Mem,
        };
        if (Task.Disk > 0)
        {
            scalars[ResourceNames.Disk] = Task.Disk;
        }

        if (Task.Gpus > 0)
        {
            scalars[ResourceNames.Gpus] = Task.Gpus;
        }

        var ranges = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Task.Ports > 0)
        {
            ranges[ResourceNames.Ports] = Task.Ports;
        }

        return new TaskRequirement(scalars, ranges);
    }
}
