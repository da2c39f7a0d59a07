using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;

namespace RelayMesos.Control.Controllers;

/// <summary>Reads <c>relay.controller.*</c>; a bad value throws <see cref="ConfigurationValueException"/> naming the key.</summary>
public static class ControllerSettingsBinder
{
    private const string Root = "relay.controller.";

    public static ControllerSettings Bind(IConfiguration config)
    {
        var d = ControllerSettings.Default;
        var settings = new ControllerSettings
        {
            Algorithm = Algorithm(config.GetText(Root + "algorithm"), d.Algorithm),
            Mode = ConfigurationChecks.Enum(config, Root + "mode", d.Mode, "run-to-completion or long-running"),
            Delay = ConfigurationChecks.Duration(config, Root + "delay", d.Delay, positive: true),
            Lookback = ConfigurationChecks.AtLeast(config, Root + "lookback", d.Lookback, 1),
            Ramp = ConfigurationChecks.AtLeast(config, Root + "ramp", d.Ramp, 0),
            MaxStep = ConfigurationChecks.AtLeast(config, Root + "max-step", d.MaxStep, 0),
            Deadband = ConfigurationChecks.AtLeast(config, Root + "deadband", d.Deadband, 0),
            WarmCooldown = ConfigurationChecks.Duration(config, Root + "warm-cooldown", d.WarmCooldown, positive: false),
            CoolCooldown = ConfigurationChecks.Duration(config, Root + "cool-cooldown", d.CoolCooldown, positive: false),
            EffectDelay = ConfigurationChecks.Duration(config, Root + "effect-delay", d.EffectDelay, positive: false),
            MinInstances = ConfigurationChecks.AtLeast(config, Root + "min-instances", d.MinInstances, 0),
            MaxInstances = ConfigurationChecks.AtLeast(config, Root + "max-instances", d.MaxInstances, 0),
            AntiWindup = config.GetBool(Root + "anti-windup", d.AntiWindup),
            DriftStream = config.GetBool(Root + "drift-stream", d.DriftStream),
            Tolerance = ConfigurationChecks.AtLeast(config, Root + "tolerance", d.Tolerance, 0),
            ScaleDownStabilization = ConfigurationChecks.Duration(config, Root + "scale-down-stabilization", d.ScaleDownStabilization, positive: false),
            StopCondition = new StopConditionSettings(
                ConfigurationChecks.Enum(config, Root + "stop-condition.kind", StopConditionKind.None, "none, settled, diverging or mostly-diverging"),
                ConfigurationChecks.AtLeast(config, Root + "stop-condition.tolerance", 0.0, 0),
                ConfigurationChecks.AtLeast(config, Root + "stop-condition.steps", 10, 1),
                config.GetInt(Root + "stop-condition.exit-code", 0)),
        };

        if (settings.MinInstances > settings.MaxInstances)
        {
            throw new ConfigurationValueException(
                Root + "min-instances", settings.MinInstances.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"at most max-instances ({settings.MaxInstances})");
        }

        return settings;
    }

    private static ControllerAlgorithm Algorithm(string? text, ControllerAlgorithm defaultValue) => text switch
    {
        null => defaultValue,
        "relay" => ControllerAlgorithm.Relay,
        "relay-classic" => ControllerAlgorithm.RelayClassic,
        "proportional" => ControllerAlgorithm.Proportional,
        _ => throw new ConfigurationValueException(Root + "algorithm", text, "relay, relay-classic or proportional"),
    };
}
