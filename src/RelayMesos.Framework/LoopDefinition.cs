using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Framework.Settings;

namespace RelayMesos.Framework;

/// <summary>Everything one control loop runs on: its settings (per-loop keys its own), controller, sources and failure policy.</summary>
public sealed record LoopDefinition(FrameworkSettings Settings, ControllerSettings Controller, LoopSources Sources, FailurePolicySettings Policy)
{
    public string Name => Settings.Loop;
}
