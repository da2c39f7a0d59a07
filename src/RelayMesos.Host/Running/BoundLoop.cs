using Microsoft.Extensions.Configuration;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Framework;
using RelayMesos.Framework.Settings;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Running;

/// <summary>
/// One loop's settings, bound from the configuration the binders read for it (<see cref="RelayLoops.AsRelay"/>: the
/// loop's keys where <c>relay</c>'s stand). Its sources are built later, once the host's HTTP client and loggers exist.
/// </summary>
/// <param name="Definition">The loop's HOCON: its own block (the implicit loop's: the <c>relay</c> keys it is).</param>
internal sealed record BoundLoop(IConfiguration Config, FrameworkSettings Framework, ControllerSettings Controller, FailurePolicySettings Policy, string Definition)
{
    /// <exception cref="ConfigurationValueException">A setting of the loop is invalid.</exception>
    public static BoundLoop Of(HoconConfig resolved, RelayLoop loop)
    {
        var config = new ConfigurationBuilder().AddHocon(RelayLoops.AsRelay(resolved, loop)).Build();
        var controller = ControllerSettingsBinder.Bind(config);
        var framework = FrameworkSettingsBinder.Bind(config, controller) with { Loop = loop.Name };
        return new BoundLoop(config, framework, controller, MetricSourceFactory.BindFailurePolicy(config), DefinitionOf(loop));
    }

    /// <summary>What a loop is defined by, as text: its own block, or for the implicit loop the <c>relay</c> keys it is.</summary>
    public static string DefinitionOf(RelayLoop loop) => (loop.IsImplicit ? loop.Effective : loop.Own).Render();

    public LoopDefinition Define(MetricSourceContext context) =>
        new(
            Framework, Controller,
            new LoopSources(MetricSources.Create(Config, "relay.metric", context), MetricSources.Create(Config, "relay.target", context)),
            Policy, Definition);
}
