namespace RelayMesos.Control.Controllers;

/// <summary>
/// <c>relay.controller.*</c>. Defaults follow Relay (delay 1 s, lookback 1000, ramp 1); the guards of the
/// <c>relay</c> algorithm default to values tuned with <c>relay-mesos bench controller</c>.
/// </summary>
public sealed record ControllerSettings
{
    public ControllerAlgorithm Algorithm { get; init; } = ControllerAlgorithm.Relay;

    public ControllerMode Mode { get; init; } = ControllerMode.RunToCompletion;

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    public int Lookback { get; init; } = 1000;

    public int Ramp { get; init; } = 1;

    /// <summary>Largest |MV| of one step (<c>relay</c> only); 0 means no clamp.</summary>
    public int MaxStep { get; init; } = 50;

    /// <summary>|err| at or below this gives MV = 0 (<c>relay</c> only).</summary>
    public double Deadband { get; init; }

    public TimeSpan WarmCooldown { get; init; } = TimeSpan.Zero;

    public TimeSpan CoolCooldown { get; init; } = TimeSpan.Zero;

    /// <summary>How long after starting a task still counts as in flight (used by whoever counts in-flight tasks).</summary>
    public TimeSpan EffectDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Long-running mode: running + MV never goes below this.</summary>
    public int MinInstances { get; init; }

    /// <summary>Long-running mode: running + MV never goes above this.</summary>
    public int MaxInstances { get; init; } = int.MaxValue;

    /// <summary><c>relay</c>: keep the error out of the window while the last demand was starved.</summary>
    public bool AntiWindup { get; init; } = true;

    /// <summary>
    /// <c>relay</c>, run-to-completion: learn how fast the metric drifts on its own and keep launching that many
    /// tasks a step, even at zero error, while the drift lasts.
    /// </summary>
    public bool DriftStream { get; init; } = true;

    /// <summary><c>proportional</c>: ratios within 1 ± tolerance change nothing (HPA's 10%).</summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary><c>proportional</c>, long-running: scale down only to the highest recommendation of this window.</summary>
    public TimeSpan ScaleDownStabilization { get; init; } = TimeSpan.FromMinutes(5);

    public StopConditionSettings StopCondition { get; init; } = StopConditionSettings.None;

    public static ControllerSettings Default { get; } = new();
}
