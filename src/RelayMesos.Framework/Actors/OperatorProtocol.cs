namespace RelayMesos.Framework.Actors;

// Operator actions (web API → ClusterSingletonProxy → FrameworkSingleton → FrameworkSupervisor → RelayController). The controller
// journals each change, so a pause or a target override survives a failover like the controller's history.

/// <summary>Stop stepping and demand nothing until <see cref="ResumeController"/>.</summary>
public sealed record PauseController : IOperatorMessage
{
    public static PauseController Instance { get; } = new();
}

/// <summary>Step again from the next sample.</summary>
public sealed record ResumeController : IOperatorMessage
{
    public static ResumeController Instance { get; } = new();
}

/// <summary>Use <paramref name="Target"/> instead of the sampled set point; null returns to the sampled one.</summary>
public sealed record OverrideTarget(double? Target) : IOperatorMessage;

/// <summary>The controller's answer to an operator action, and what it publishes after each change.</summary>
public sealed record OperatorState(bool Paused, double? TargetOverride, string Loop = Settings.FrameworkSettings.DefaultLoop);

/// <summary>
/// An operator action for one loop by name (a bare action is for the configuration's first loop). A loop that does
/// not run is answered with a <see cref="KeyNotFoundException"/> failure.
/// </summary>
public sealed record ForLoop(string Loop, IOperatorMessage Message) : IOperatorMessage;

/// <summary>Asks the controller for its <see cref="OperatorState"/>.</summary>
public sealed record GetOperatorState : IOperatorMessage
{
    public static GetOperatorState Instance { get; } = new();
}
