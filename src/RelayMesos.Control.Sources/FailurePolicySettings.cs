namespace RelayMesos.Control.Sources;

/// <summary>
/// The failure policy. After <see cref="PauseAfter"/> consecutive failed steps the controller pauses
/// (demand 0, nothing killed) until a good sample arrives; 0 never pauses.
/// </summary>
public sealed record FailurePolicySettings(
    FailurePolicyKind Kind = FailurePolicyKind.Hold,
    int PauseAfter = 5,
    int FallbackDemand = 0)
{
    public static FailurePolicySettings Default { get; } = new();
}
