using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;

namespace RelayMesos.Control.Controllers;

/// <summary>Reads <c>relay.controller.*</c>; a bad value throws <see cref="ConfigurationValueException"/> naming the key.</summary>
public static class ControllerSettingsBinder
{
    private const string Root = "relay.controller.";

    public static ControllerSettings Bind(IConfiguration config)
    {
        var settings = new ControllerSettings
        {
            Algorithm = Algorithm(config.GetString(Root + "algorithm")),
            Mode = ConfigurationChecks.Enum<ControllerMode>(config, Root + "mode", "run-to-completion or long-running"),
            Delay = ConfigurationChecks.Duration(config, Root + "delay", positive: true),
            Lookback = ConfigurationChecks.AtLeast(config, Root + "lookback", 1),
            Ramp = ConfigurationChecks.AtLeast(config, Root + "ramp", 0),
            MaxStep = ConfigurationChecks.AtLeast(config, Root + "max-step", 0),
            Deadband = ConfigurationChecks.AtLeast(config, Root + "deadband", 0.0),
            WarmCooldown = ConfigurationChecks.Duration(config, Root + "warm-cooldown", positive: false),
            CoolCooldown = ConfigurationChecks.Duration(config, Root + "cool-cooldown", positive: false),
            EffectDelay = ConfigurationChecks.Duration(config, Root + "effect-delay", positive: false),
            MinInstances = ConfigurationChecks.AtLeast(config, Root + "min-instances", 0),
            MaxInstances = ConfigurationChecks.AtLeast(config, Root + "max-instances", 0),
            AntiWindup = config.GetBool(Root + "anti-windup"),
            DriftStream = config.GetBool(Root + "drift-stream"),
            Tolerance = ConfigurationChecks.AtLeast(config, Root + "tolerance", 0.0),
            ScaleDownStabilization = ConfigurationChecks.Duration(config, Root + "scale-down-stabilization", positive: false),
            StopCondition = new StopConditionSettings(
                ConfigurationChecks.Enum<StopConditionKind>(config, Root + "stop-condition.kind", "none, settled, diverging or mostly-diverging"),
                ConfigurationChecks.AtLeast(config, Root + "stop-condition.tolerance", 0.0),
                ConfigurationChecks.AtLeast(config, Root + "stop-condition.steps", 1),
                config.GetInt(Root + "stop-condition.exit-code")),
        };

        if (settings.MinInstances > settings.MaxInstances)
        {
            throw new ConfigurationValueException(
                Root + "min-instances", settings.MinInstances.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"at most max-instances ({settings.MaxInstances})");
        }

        return settings;
    }

    private static ControllerAlgorithm Algorithm(string text) => text switch
    {
        "relay" => ControllerAlgorithm.Relay,
        "relay-classic" => ControllerAlgorithm.RelayClassic,
        "proportional" => ControllerAlgorithm.Proportional,
        _ => throw new ConfigurationValueException(Root + "algorithm", text, "relay, relay-classic or proportional"),
    };
}
