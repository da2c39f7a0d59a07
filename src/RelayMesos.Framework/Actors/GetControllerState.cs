namespace RelayMesos.Framework.Actors;

/// <summary>Asks RelayController for its current <see cref="Control.Controllers.ControllerState"/> (tests, the web UI, failover checks).</summary>
public sealed record GetControllerState
{
    public static GetControllerState Instance { get; } = new();
}
