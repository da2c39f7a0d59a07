using Microsoft.Extensions.Configuration;
using RelayMesos.Control.Controllers;
using RelayMesos.Hocon;
using RelayMesos.TestKit;

namespace RelayMesos.Control.Tests;

public class ControllerSettingsBinderTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) => ReferenceConfiguration.With(pairs);

    [Fact]
    public void Defaults_match_relay()
    {
        var settings = ControllerSettingsBinder.Bind(Config());
        Assert.Equal((TimeSpan.FromSeconds(1), 1000, 1, ControllerAlgorithm.Relay), (settings.Delay, settings.Lookback, settings.Ramp, settings.Algorithm));
    }

    [Fact]
    public void Values_are_read()
    {
        var settings = ControllerSettingsBinder.Bind(Config(
            ("relay.controller.algorithm", "relay-classic"),
            ("relay.controller.mode", "long-running"),
            ("relay.controller.delay", "250ms"),
            ("relay.controller.lookback", "64"),
            ("relay.controller.cool-cooldown", "30s"),
            ("relay.controller.max-instances", "12"),
            ("relay.controller.drift-stream", "off"),
            ("relay.controller.stop-condition.kind", "mostly-diverging"),
            ("relay.controller.stop-condition.exit-code", "3")));
        Assert.Equal(ControllerAlgorithm.RelayClassic, settings.Algorithm);
        Assert.Equal(ControllerMode.LongRunning, settings.Mode);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.Delay);
        Assert.Equal(64, settings.Lookback);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.CoolCooldown);
        Assert.Equal(12, settings.MaxInstances);
        Assert.False(settings.DriftStream);
        Assert.Equal(new StopConditionSettings(StopConditionKind.MostlyDiverging, 0, 10, 3), settings.StopCondition);
    }

    [Theory]
    [InlineData("relay.controller.algorithm", "pid")]
    [InlineData("relay.controller.mode", "forever")]
    [InlineData("relay.controller.delay", "0s")]
    [InlineData("relay.controller.lookback", "0")]
    [InlineData("relay.controller.ramp", "-1")]
    [InlineData("relay.controller.deadband", "lots")]
    [InlineData("relay.controller.stop-condition.kind", "2")]
    [InlineData("relay.controller.min-instances", "50")]
    public void Bad_values_throw_naming_the_key(string key, string value)
    {
        var config = Config((key, value), ("relay.controller.max-instances", "10"));
        Assert.Equal(key, Assert.Throws<ConfigurationValueException>(() => ControllerSettingsBinder.Bind(config)).Key);
    }
}
