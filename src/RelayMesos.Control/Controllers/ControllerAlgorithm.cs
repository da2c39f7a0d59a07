namespace RelayMesos.Control.Controllers;

/// <summary>The control laws selectable through <c>relay.controller.algorithm</c>.</summary>
public enum ControllerAlgorithm
{
    /// <summary><c>relay</c>: Relay's law with anti-windup, in-flight accounting, clamp, deadband, cooldowns and bounds.</summary>
    Relay,

    /// <summary><c>relay-classic</c>: a faithful port of sailthru/relay's loop, quirks included.</summary>
    RelayClassic,

    /// <summary><c>proportional</c>: the Kubernetes HPA rule, as a baseline.</summary>
    Proportional,
}
