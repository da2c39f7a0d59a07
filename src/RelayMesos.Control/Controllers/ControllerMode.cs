namespace RelayMesos.Control.Controllers;

/// <summary>How tasks relate to the metric (<c>relay.controller.mode</c>).</summary>
public enum ControllerMode
{
    /// <summary>Tasks do a piece of work and exit (Relay's model): MV counts tasks to launch.</summary>
    RunToCompletion,

    /// <summary>Tasks are instances that keep running: MV &lt; 0 kills our warmers, bounds apply to the running count.</summary>
    LongRunning,
}
